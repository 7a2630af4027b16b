#pragma once
// The compiler front end (wasm-cc) made ready for one toolchain root: its probe of the root's emcc
// runs once, inside the sandbox (so it sees exactly what builds will see), and is kept with the
// shims under <cache>/frontend/<root id16>/, keyed by the root's identity and the front end's own.
#include <filesystem>
#include <string>

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

/// Probes the root at `root` with wasm_cc into dir (made on first use; later calls only check it).
util::Expected<FrontendSetup> ensure_frontend(const std::filesystem::path& dir, const std::filesystem::path& root,
                                              const std::filesystem::path& wasm_cc, util::ProcessRunner& runner);

}  // namespace wb::toolchain
