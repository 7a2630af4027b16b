#pragma once
// Reads what the repository needs from one wheel: its name and tags, hash and size, the METADATA
// file (served beside it, PEP 658) with Name, Version, Requires-Python and Requires-Dist, and the
// top-level import names. A wheel whose RECORD does not match its contents is refused.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "index/publish/catalog.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

struct InspectedWheel {
    PackageRecord record;   ///< wheel-facing fields filled, lock fields defaulted
    std::string metadata;   ///< the METADATA file's bytes
};

/// Inspects a wheel whose sha256 and size the caller already computed.
Expected<InspectedWheel> inspect_wheel(const std::filesystem::path& wheel, const std::string& sha256, uint64_t size);

/// A shared-library package as Pyodide ships one: NAME-VERSION.zip holding side modules (lib*.so)
/// at its top level, installed into the runtime's dynlib directory. It has no METADATA (metadata is
/// empty, metadata_size 0) and is listed in the lock file only, not on the simple pages.
bool is_shared_library_package(std::string_view file_name);
Expected<InspectedWheel> inspect_shared_library(const std::filesystem::path& zip, const std::string& sha256,
                                                uint64_t size);

/// The headers of a METADATA file (RFC 822 style); repeated headers keep every value in order.
std::multimap<std::string, std::string> parse_metadata_headers(std::string_view text);

/// Top-level import names from a wheel's member paths (packages, modules, extension modules).
std::vector<std::string> top_level_names(const std::vector<std::string>& member_paths);

}  // namespace wb::index
