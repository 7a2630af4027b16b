#pragma once
// A shared_library recipe's product, packaged the way Pyodide ships its shared libraries: the
// side modules its build installed under $WB_PREFIX/lib, flat in NAME-VERSION.zip. Pyodide's
// loader unpacks such a package into its dynlib directory (/usr/lib), where a dependent module's
// dylink.0 NEEDED entry finds it on LD_LIBRARY_PATH, so one copy serves every package using it.
#include <filesystem>

#include "engine/build_result.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

/// The shared libraries (lib*.so, lib*.so.N) directly under prefix/lib, by file name; a symlink is
/// packed as the file it points to (dylink.0 NEEDED names the file a module was linked against).
util::Expected<std::vector<std::filesystem::path>> installed_shared_libraries(const std::filesystem::path& prefix);

/// Writes out/NAME-VERSION.zip (deterministic, members sorted, mtime = epoch) and hashes it; fails
/// naming the recipe when its build installed no shared library.
util::Expected<Product> make_shared_library_zip(const recipe::Recipe& recipe, const std::filesystem::path& prefix,
                                                const std::filesystem::path& out,
                                                const std::filesystem::path& build_dir, int64_t epoch);

}  // namespace wb::engine
