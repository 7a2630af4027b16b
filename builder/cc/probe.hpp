#pragma once
// `wasm-cc --probe`: asks an Emscripten install, once, everything the per-call front end needs for
// calls with the platform's ABI flags: the version, the clang and flags emcc compiles with (checked by
// compiling both ways), its LLVM tools, and the commands of a side-module link for each optimisation
// level, each replayed and compared with emcc's own output before use.
#include <string>
#include <vector>

#include "cc/toolchain_config.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::cc {

struct ProbeOptions {
    std::string emcc = "emcc";  ///< a name on PATH or a path
    std::string node_path;      ///< NODE_PATH for emcc; empty: the environment's, else /usr/share/nodejs
    util::Environment env;      ///< the children's environment (before NODE_PATH is set)
    /// The platform's ABI flags ("-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"): every flag and link
    /// step is probed for calls that carry them.
    std::vector<std::string> abi_flags;
};

struct ProbeResult {
    ToolchainConfig config;
    std::vector<std::string> notes;  ///< what is left to emcc (side-link variants, compiles), and why
};

util::Expected<ProbeResult> probe_toolchain(util::ProcessRunner& runner, const ProbeOptions& options);

/// "emcc (…) 6.0.5 (…)" -> "6.0.5": the first word made of digits and two dots.
std::string parse_emscripten_version(const std::string& version_line);

/// Emscripten's own library names from its sysroot's archives: "libc++abi-noexcept.a" gives "c++abi".
std::vector<std::string> system_library_names(const std::vector<std::string>& archive_file_names);

}  // namespace wb::cc
