#pragma once
// Runs a build graph: computes every node's key, reuses finished builds from the cache, and builds
// the rest in parallel (up to `jobs` at once), longest chain first. Without keep-going the first
// failure stops new work; with it, everything not depending on a failure is still built.
#include <functional>
#include <vector>

#include "engine/build_context.hpp"
#include "engine/build_result.hpp"
#include "engine/status.hpp"
#include "graph/build_graph.hpp"

namespace wb::engine {

struct RunOptions {
    int jobs = 1;
    bool keep_going = false;
    bool dry_run = false;
};

struct RunSummary {
    std::vector<BuildResult> results;  ///< one per graph node, same order
    int built = 0, cached = 0, failed = 0, skipped = 0;
    bool interrupted = false;
    bool ok() const { return failed == 0 && skipped == 0 && !interrupted; }
};

/// The function that builds one node (build_node in production; fakes in tests).
using NodeBuildFn = std::function<BuildResult(const BuildContext&, const struct NodeInputs&)>;

class Executor {
public:
    Executor(const BuildContext& ctx, const graph::BuildGraph& graph, Status& status, NodeBuildFn build_fn);
    util::Expected<RunSummary> run(const RunOptions& options);

private:
    util::Expected<void> compute_keys();
    void plan_line(size_t node, RunSummary& summary);
    const BuildContext& m_ctx;
    const graph::BuildGraph& m_graph;
    Status& m_status;
    NodeBuildFn m_build_fn;
    std::vector<KeyInputs> m_inputs;
    std::vector<std::vector<std::string>> m_reasons;
    std::vector<double> m_weights;
    std::vector<bool> m_cached;
};

/// The most recent finished build of a recipe on a platform, if any.
std::optional<BuildResult> latest_result(const CacheLayout& layout, const std::string& platform, const std::string& name);

}  // namespace wb::engine
