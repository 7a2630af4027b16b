#pragma once
// The source steps of a build: fetch into the store, unpack safely into the work directory, copy
// the recipe's extras and apply its patches in order.
#include <filesystem>
#include <string>

#include "engine/build_context.hpp"
#include "fetch/fetcher.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

struct StepError {
    std::string step;  ///< "fetch", "unpack", "patch"
    util::Error error;
};

/// Returns the source root inside work/ ready to build.
tl::expected<std::filesystem::path, StepError> prepare_source(const BuildContext& ctx, const recipe::Recipe& recipe,
                                                              const std::filesystem::path& work,
                                                              const std::filesystem::path& log);

/// The recipe's source in the store (fetched first when missing; a PyPI file's URL is asked of the
/// index only then), or the local path of a path source.
util::Expected<std::filesystem::path> fetch_recipe_source(const BuildContext& ctx, const recipe::Recipe& recipe);

/// The fetch request a recipe's source section describes.
fetch::SourceRequest source_request(const BuildContext& ctx, const recipe::Recipe& recipe);

}  // namespace wb::engine
