#pragma once
// `wasm-cc --install-shims DIR`: a directory of symlinks (cc, gcc, c++, ar, …) to the wasm-cc binary
// that a build puts first on PATH. Installing again is harmless: correct links stay, others are
// replaced atomically, so a build running from the directory never sees a missing name.
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::cc {

struct ShimReport {
    std::vector<std::string> created;    ///< new or replaced links
    std::vector<std::string> unchanged;  ///< already pointing at the binary
};

/// Links every name of shim_names() in dir to target (an absolute path), creating dir if needed.
util::Expected<ShimReport> install_shims(const std::string& dir, const std::string& target);

/// The absolute path of the running executable (/proc/self/exe).
util::Expected<std::string> current_executable();

}  // namespace wb::cc
