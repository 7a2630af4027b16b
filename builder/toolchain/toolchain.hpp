#pragma once
// The Emscripten toolchain as builds see it: versions (part of every cache key), the compiler front
// end (wasm-cc) and its probed configuration, and the base environment every build step gets.
#include <filesystem>
#include <string>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::toolchain {

struct Toolchain {
    std::string emcc_version;       ///< first line of `emcc --version`
    std::string clang_version;      ///< first line of the clang emcc uses
    std::filesystem::path wasm_cc;  ///< the compiler front end binary
    std::filesystem::path wasm_cc_config;
    std::filesystem::path shim_dir; ///< cc, c++, ar, ... -> wasm-cc
    std::string frontend_identity;  ///< hash of the front end's sources (compiled in)

    /// Stable text that changes whenever the toolchain could produce different output. The
    /// front end's identity counts only for builds that go through it (Python packages).
    std::string identity(bool through_frontend) const;
    /// The environment every build step starts from: the caller's, minus variables that leak host
    /// paths into a cross build, plus what emcc needs.
    util::Environment base_environment() const;
};

/// Finds emcc and wasm-cc, runs the front end's probe once per toolchain version (cached under
/// cache_dir/toolchain/), and installs the compiler shims.
util::Expected<Toolchain> detect_toolchain(const std::filesystem::path& cache_dir,
                                           const std::filesystem::path& wasm_cc, util::ProcessRunner& runner);

/// The directory holding the running executable (to find wasm-cc next to wasm-build).
std::filesystem::path executable_dir();

}  // namespace wb::toolchain
