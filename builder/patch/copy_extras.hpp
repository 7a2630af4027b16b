#pragma once
// Extra files a recipe drops into its source tree (a newer config.sub, a site file...), copied
// in before the build. A destination may not leave the tree, neither by ".." nor through a symlink.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace wb::patch {

/// Copies each (source file, destination relative to source_dir) pair, atomically, keeping the
/// executable bit (0755, else 0644). Refuses (Input) destinations that are not a util::SafePath
/// (absolute, a ".." component, a control character, the tree itself) or pass through a symlink.
util::Expected<void> copy_extras(const std::filesystem::path& source_dir,
                                 const std::vector<std::pair<std::filesystem::path, std::string>>& extras);

}  // namespace wb::patch
