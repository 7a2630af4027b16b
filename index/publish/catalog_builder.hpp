#pragma once
// Turns a directory of wheels into a Catalog: hashes every wheel, reuses what the previous
// publish recorded for wheels whose hash is unchanged, inspects the others, and refuses corrupt
// wheels and two wheels claiming one project and version.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "index/publish/catalog.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

struct ScannedWheels {
    Catalog catalog;
    std::map<std::string, std::filesystem::path> sources;  ///< file name -> the input wheel
    std::map<std::string, std::string> new_metadata;       ///< file name -> METADATA of inspected wheels
    size_t reused = 0;                                     ///< records taken from the previous publish
};

/// Scans wheels_dir (not recursively) for *.whl; previous is the last published catalog (may be empty).
Expected<ScannedWheels> scan_wheels(const std::filesystem::path& wheels_dir, const Catalog& previous);

}  // namespace wb::index
