#pragma once
// A package whose upstream publishes a pure-Python wheel may be taken as that wheel, pinned by
// sha256, as Pyodide takes about a third of its packages: nothing is built and nothing of it runs;
// the wheel is checked (its name and version match the recipe, its tag is pure, its RECORD holds)
// and copied into the build's dist/.
#include <filesystem>

#include "engine/build_result.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

/// True when the recipe's source file is a wheel (by its name).
bool is_wheel_source(const recipe::Recipe& recipe);

/// Checks the fetched wheel and copies it to build_dir/dist/; returns it as the build's product.
util::Expected<Product> adopt_pure_wheel(const recipe::Recipe& recipe, const std::filesystem::path& fetched,
                                         const std::filesystem::path& build_dir);

}  // namespace wb::engine
