#pragma once
// The compiler front end (wasm-cc) made ready for one toolchain root and one set of ABI flags (the
// platform's cflags: -fwasm-exceptions -sSUPPORT_LONGJMP=wasm for Pyodide): its probe of the root's
// emcc runs once, inside the sandbox (so it sees exactly what builds will see), and is kept with the
// shims in the directory the caller gives (CacheLayout::frontend: the root's identity + the flags).
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::toolchain {

struct FrontendSetup {
    std::filesystem::path dir;      ///< holds wasm-cc.conf and shims/
    std::filesystem::path wasm_cc;  ///< the binary (host path)
};

/// Where the front end is seen inside a sandbox.
inline constexpr const char* k_frontend_inside = "/opt/wasm-build/frontend";
inline constexpr const char* k_wasm_cc_inside = "/opt/wasm-build/bin/wasm-cc";

/// Probes the root at `root` with wasm_cc for calls with `abi_flags` into dir (made on first use;
/// later calls only check it).
util::Expected<FrontendSetup> ensure_frontend(const std::filesystem::path& dir, const std::filesystem::path& root,
                                              const std::filesystem::path& wasm_cc,
                                              const std::vector<std::string>& abi_flags, util::ProcessRunner& runner);

}  // namespace wb::toolchain
