#pragma once
// The environment a build step runs in: the toolchain's base, the package's own prefix and recipe
// folder, its host dependencies' prefixes (include/, lib/, pkg-config, *-config scripts), and for
// Python packages the cross-build environment of the runtime and the compiler front end.
#include <string>
#include <vector>

#include "engine/build_context.hpp"
#include "engine/build_result.hpp"
#include "recipe/recipe.hpp"
#include "util/subprocess.hpp"

namespace wb::engine {

struct StepPaths {
    std::filesystem::path source;  ///< unpacked, patched source root (the step's cwd)
    std::filesystem::path prefix;  ///< where libraries and the runtime install
    std::filesystem::path stage;   ///< where packages install before they become a wheel
};

/// deps: finished host dependencies, transitively, dependencies first; runtime: the runtime build
/// (for package recipes; null otherwise).
util::Environment make_build_environment(const BuildContext& ctx, const recipe::Recipe& recipe, const StepPaths& paths,
                                         const std::vector<const BuildResult*>& deps, const BuildResult* runtime);

/// "numpy-core" -> "NUMPY_CORE" (for WB_DEP_<NAME>_PREFIX).
std::string env_name(const std::string& name);

/// The recipe's `build.env` as shell exports (so values may refer to other variables).
std::string env_exports(const recipe::Recipe& recipe);

}  // namespace wb::engine
