#pragma once
// Turns what a Python package's build installed (the future site-packages) into a wheel: tag by
// content (any extension module → the platform's tag; else py3-none-any), metadata from the recipe.
#include <filesystem>

#include "engine/build_context.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

util::Expected<std::filesystem::path> make_package_wheel(const BuildContext& ctx, const recipe::Recipe& recipe,
                                                         const std::filesystem::path& site_dir,
                                                         const std::filesystem::path& out_dir);

/// True when the tree holds a compiled extension module (*.so).
bool has_extension_modules(const std::filesystem::path& site_dir);

}  // namespace wb::engine
