#pragma once
// Builds one node on this machine: source (fetch outside any sandbox, unpack safely, extras,
// patches), then the build step inside the sandbox (a recipe's script for libraries and cross
// environments; the package's own PEP 517 backend for packages), then the wheels and their ABI
// check against the platform's stock runtime, then result.json
// (last). Output appears in the cache only complete; a failure is a result, with its log kept.
#include <chrono>

#include "engine/build_cache.hpp"
#include "engine/build_context.hpp"
#include "engine/node_runner.hpp"

namespace wb::engine {

class LocalNodeRunner final : public NodeRunner {
public:
    LocalNodeRunner(const BuildContext& ctx, const BuildCache& cache) : m_ctx(ctx), m_cache(cache) {}
    BuildResult run(const NodeJob& job) override;

private:
    using Clock = std::chrono::steady_clock;
    /// A package taken as its upstream's pure wheel: fetched, checked, copied.
    BuildResult take_wheel(const recipe::Recipe& recipe, const platform::Platform& platform, BuildResult& r,
                           Clock::time_point start) const;
    /// Times the build and writes result.json (last).
    BuildResult finish(BuildResult& r, Clock::time_point start) const;
    /// Every side module of the node's wheels against its platform's runtime.
    util::Expected<void> check_abi(const BuildResult& r, const platform::Platform& platform,
                                   const std::vector<std::filesystem::path>& shared_libraries) const;
    const BuildContext& m_ctx;
    const BuildCache& m_cache;
};

/// Whether the platform's Python satisfies the Requires-Python of core metadata text (an sdist's
/// PKG-INFO or a wheel's METADATA; origin names it in the message); none given: yes.
util::Expected<void> requires_python_allows(const recipe::Recipe& recipe, const std::string& metadata,
                                            const std::string& origin, const platform::Platform& platform);
/// The same for the PKG-INFO of an unpacked sdist (absent for local trees: nothing to check).
util::Expected<void> check_requires_python(const recipe::Recipe& recipe, const std::filesystem::path& pkg_info,
                                           const platform::Platform& platform);

/// The shell text a `package` recipe's build runs in its source tree: its env and script, then
/// the package's own backend through the build Python.
std::string package_build_script(const recipe::Recipe& recipe);

}  // namespace wb::engine
