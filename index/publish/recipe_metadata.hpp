#pragma once
// The recipes' word on each package for the lock file (wheels/packages.json, written by the build):
// imports, run dependencies, package type, install dir, shared_library, unvendored_tests. Where a
// package has no entry, the lock fields are derived from the wheel itself.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/publish/catalog.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

struct RecipeMetadata {
    std::optional<std::vector<std::string>> imports;
    std::optional<std::vector<std::string>> depends;
    std::optional<std::string> package_type;
    std::optional<std::string> install_dir;
    std::optional<bool> shared_library;
    std::optional<bool> unvendored_tests;
};

/// By normalized package name.
using RecipeMetadataMap = std::map<std::string, RecipeMetadata>;

/// Parses {"<name>": {"imports": [...], "depends": [...], ...}, ...}; where names the file in errors.
/// Either the object itself or {"packages": {...}} is accepted.
Expected<RecipeMetadataMap> parse_recipe_metadata(std::string_view text, std::string_view where);
Expected<RecipeMetadataMap> load_recipe_metadata(const std::filesystem::path& file);

/// Fills the lock fields of every record: from metadata where given, else imports from the wheel's
/// top-level names and depends from Requires-Dist (without extras-only requirements), keeping only
/// dependencies the catalog holds. Returns warnings (dropped dependencies).
std::vector<std::string> fill_lock_fields(Catalog& catalog, const RecipeMetadataMap& metadata);

}  // namespace wb::index
