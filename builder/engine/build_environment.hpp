#pragma once
// What one build step sees inside its sandbox: the mounts (its source, stage and prefix writable;
// its dependencies' prefixes, the recipe, the tools and the compiler front end read-only) and its
// whole environment. In-sandbox paths are fixed (a dependency NAME is always at /opt/wb/NAME), so
// what a build writes (pkg-config files, paths in logs) does not depend on where the cache is.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/build_context.hpp"
#include "engine/build_result.hpp"
#include "engine/host_packages.hpp"
#include "graph/build_graph.hpp"
#include "sandbox/sandbox.hpp"

namespace wb::engine {

namespace inside {
inline constexpr const char* k_src = "/build/src";
inline constexpr const char* k_stage = "/build/stage";
inline constexpr const char* k_dist = "/build/dist";
inline constexpr const char* k_recipe = "/build/recipe";
inline constexpr const char* k_tools = "/opt/wasm-build/tools";
inline constexpr const char* k_wasm_cc = "/opt/wasm-build/bin/wasm-cc";
inline constexpr const char* k_frontend = "/opt/wasm-build/frontend";
inline constexpr const char* k_runtime = "/opt/wasm-build/runtime";
inline constexpr const char* k_host_views = "/opt/wasm-build/host-views";
/// Where a node's prefix is seen, when it is built and when something depends on it.
inline std::string prefix(const std::string& name) { return "/opt/wb/" + name; }
}  // namespace inside

/// The host directories of one node's build.
struct StepPaths {
    std::filesystem::path source;  ///< the unpacked, patched tree
    std::filesystem::path stage;   ///< scratch output (packages' site tree)
    std::filesystem::path dist;    ///< where a package's build backend writes its wheel
    std::filesystem::path prefix;  ///< the node's install prefix (inside its cache directory)
    HostPackages host;             ///< packages among the host dependencies, unpacked (host_packages.hpp)
};

struct StepSandbox {
    sandbox::SandboxSpec spec;
    util::Environment env;
};

/// The sandbox and environment of a node's build step. deps: finished host dependencies
/// (transitively); runtime_dir: the platform's stock runtime package, for cross-env builds.
StepSandbox make_step_sandbox(const BuildContext& ctx, const graph::Node& node, const StepPaths& paths,
                              const std::vector<const BuildResult*>& deps, const std::filesystem::path& runtime_dir);

/// Emscripten's cache as a step sees it: a private, writable copy of the root's (see step_prologue).
inline constexpr const char* k_step_em_cache = "/tmp/emscripten-cache";
/// The shell lines every build step starts with.
std::string step_prologue();

/// "WB_DEP_<NAME>_PREFIX": the variable naming a dependency's prefix.
std::string env_name(const std::string& name);
/// `export K="V"` lines for a recipe's build.env.
std::string env_exports(const recipe::Recipe& recipe);

}  // namespace wb::engine
