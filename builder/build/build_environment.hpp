#pragma once
// The environment a build step runs in: the toolchain's base, the package's own prefix and recipe
// folder, its host dependencies' prefixes (include/, lib/, pkg-config, *-config scripts), and for
// Python packages the cross-build environment of the runtime and the compiler front end.
#include <string>
#include <vector>

#include "build/build_context.hpp"
#include "build/build_result.hpp"
#include "specs/recipe.hpp"
#include "util/subprocess.hpp"

namespace wb::build {

struct StepPaths {
    std::filesystem::path source;  ///< unpacked, patched source root (the step's cwd)
    std::filesystem::path prefix;  ///< where libraries and the runtime install
    std::filesystem::path stage;   ///< where packages install before they become a wheel
};

/// deps: finished host dependencies, transitively, dependencies first; runtime: the runtime build
/// (for package recipes; null otherwise).
util::Environment make_build_environment(const BuildContext& ctx, const specs::Recipe& recipe, const StepPaths& paths,
                                         const std::vector<const BuildResult*>& deps, const BuildResult* runtime);

/// "numpy-core" -> "NUMPY_CORE" (for WB_DEP_<NAME>_PREFIX).
std::string env_name(const std::string& name);

/// The recipe's `build.env` as shell exports (so values may refer to other variables).
std::string env_exports(const specs::Recipe& recipe);

}  // namespace wb::build
