#pragma once
// A package's build key: the hash of every input that can change its output (recipe, source hash,
// patch and extra bytes, recipe files, platform, toolchain, host dependencies' keys). The inputs are
// kept by name so that a rebuild can say what changed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/build_graph.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

struct KeyInputs {
    std::map<std::string, std::string> parts;  ///< input name -> hash of its content

    std::string key() const;  ///< sha256 over the sorted parts
    nlohmann::json to_json() const;
    static KeyInputs from_json(const nlohmann::json& j);
    /// Human reasons why `now` differs from `before` ("patch 0001-x.patch changed", ...).
    static std::vector<std::string> differences(const KeyInputs& before, const KeyInputs& now);
};

/// Version of the build logic itself: bump when the way packages are built changes.
inline constexpr const char* k_builder_version = "4";

/// The time written into wheels unless SOURCE_DATE_EPOCH says otherwise: 1980-01-01, the earliest a
/// zip can say.
inline constexpr int64_t k_default_source_date_epoch = 315532800;

/// What every key depends on besides the node's recipe, platform and dependencies.
struct KeyContext {
    std::filesystem::path project_dir;
    std::string frontend_identity;  ///< the compiler front end's source hash (packages build through it)
    std::string tools_identity;     ///< the build helper scripts' hash (packages run them)
    int64_t source_date_epoch = k_default_source_date_epoch;  ///< a key part only when not the default
};

/// Collects the inputs of one node's build: the recipe and its files, the platform's identity (or,
/// for a shared node, its flavor: root and flags only), the front end's and tools' identities for
/// packages, and dep_keys: (name, key) of each host dependency.
util::Expected<KeyInputs> compute_key_inputs(const graph::Node& node, const KeyContext& ctx,
                                             const std::vector<std::pair<std::string, std::string>>& dep_keys);

/// The patches a recipe applies, in order: its list, else patches/NAME/*.patch sorted.
std::vector<std::filesystem::path> recipe_patches(const recipe::Recipe& recipe, const std::filesystem::path& project_dir);

/// Resolves a path named in a recipe: relative to the recipe's folder, else to the project root.
std::filesystem::path resolve_recipe_path(const recipe::Recipe& recipe, const std::filesystem::path& project_dir,
                                          const std::string& path);

/// sha256 over a file, or over a directory's files (sorted relative names and contents).
util::Expected<std::string> hash_path(const std::filesystem::path& path);

}  // namespace wb::engine
