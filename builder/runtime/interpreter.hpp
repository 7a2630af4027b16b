#pragma once
// The wasm CPython runtime as a program: python3.X.js run by Node (with the flags Emscripten 3.1.6
// output needs), a site-packages made from chosen wheels, and the environment it sees.
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {

struct Interpreter {
    std::filesystem::path prefix;             ///< the runtime build's prefix (bin/python3.X.js, lib/)
    std::string python_short = "3.11";
    std::vector<std::filesystem::path> path;  ///< PYTHONPATH entries (site-packages first)
    /// Tests run with a small, fixed environment (the caller's CI, DISPLAY… change what test
    /// suites do); `wasm-build python` passes the user's environment through.
    bool hermetic = false;

    std::filesystem::path script() const { return prefix / "bin" / ("python" + python_short + ".js"); }
    /// argv for `node … python.js ARGS`.
    std::vector<std::string> argv(const std::vector<std::string>& args) const;
    util::Environment environment() const;
    util::Command command(const std::vector<std::string>& args, const std::filesystem::path& cwd) const;
};

/// Replaces the current process with the interpreter (for `wasm-build python`); returns only on error.
util::Error exec_interpreter(const Interpreter& interpreter, const std::vector<std::string>& args);

}  // namespace wb::runtime
