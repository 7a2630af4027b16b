#pragma once
// Toolchain specs as values for tests: pinned packages, a lock (the manifest) and the identity
// PlatformSet and RootStore read, as ToolchainSpec::load would have made them from files.
#include <string>
#include <vector>

#include "toolchain/toolchain_spec.hpp"

namespace wb::fakes {

/// A locked toolchain "name" whose lock is `manifest` (sorted name=version lines), every line also
/// pinned. An empty manifest makes an unlocked spec (no identity).
inline toolchain::ToolchainSpec make_toolchain(const std::string& name, std::vector<std::string> manifest = {
                                                   "base-files=14", "emscripten=6.0.5-1", "nodejs=24.1-1"}) {
    toolchain::ToolchainSpec spec;
    spec.name = name;
    spec.suite = "sid";
    spec.file = "toolchains/" + name + ".yaml";
    spec.lock_file = "toolchains/" + name + ".lock";
    spec.packages = manifest;
    spec.manifest = std::move(manifest);
    if (!spec.manifest.empty()) spec.identity = toolchain::manifest_identity(spec.manifest, spec.prepare);
    return spec;
}

}  // namespace wb::fakes
