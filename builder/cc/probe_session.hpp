#pragma once
// What the parts of `wasm-cc --probe` share: the process runner, emcc's environment and a scratch
// directory. Private to probe*.cpp.
#include <string>
#include <utility>
#include <vector>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::cc {

class ProbeSession {
public:
    ProbeSession(util::ProcessRunner& runner, util::Environment env, std::string scratch)
        : m_runner(runner), m_env(std::move(env)), m_scratch(std::move(scratch)) {}

    const std::string& scratch() const { return m_scratch; }
    const util::Environment& env() const { return m_env; }
    std::string path(const std::string& name) const { return m_scratch + "/" + name; }

    /// Runs a command to completion; its combined output, or an error naming `what` and showing it.
    /// `verbose` sets EMCC_VERBOSE=1: emcc then prints every command it runs.
    util::Expected<std::string> output_of(std::vector<std::string> argv, const std::string& what,
                                          bool verbose = false);

private:
    util::ProcessRunner& m_runner;
    util::Environment m_env;
    std::string m_scratch;
};

}  // namespace wb::cc
