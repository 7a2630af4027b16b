#pragma once
// Runs a build graph: computes every node's key, takes finished builds from the cache, and hands
// the rest to a NodeRunner in parallel (up to `jobs` at once), longest chain first. Without
// keep-going the first failure stops new work; with it, everything not depending on a failure is
// still built. The executor never knows how a node is built, nor where.
#include <string>
#include <vector>

#include "engine/build_cache.hpp"
#include "engine/build_result.hpp"
#include "engine/node_runner.hpp"
#include "engine/status.hpp"
#include "graph/plan.hpp"
#include "graph/build_graph.hpp"

namespace wb::engine {

struct RunOptions {
    int jobs = 1;
    bool keep_going = false;
};

struct RunSummary {
    std::vector<BuildResult> results;  ///< one per graph node, same order
    int built = 0, cached = 0, failed = 0, skipped = 0, would_build = 0;
    bool interrupted = false;
    bool ok() const { return failed == 0 && skipped == 0 && !interrupted; }
};

/// The keys of every node, dependencies first (an error names the recipe whose inputs could not be read).
util::Expected<std::vector<KeyInputs>> compute_keys(const graph::BuildGraph& graph, const KeyContext& ctx);

/// Why each node needs building (empty: its key is in the cache) and what it is expected to cost
/// (its last build time, at least 1 s): what every executor plans with.
struct NodeForecast {
    std::vector<std::vector<std::string>> reasons;
    std::vector<double> weights;
};
NodeForecast forecast(const graph::BuildGraph& graph, const BuildCache& cache, const std::vector<KeyInputs>& keys);

/// Fills the counters of a summary from its results.
void tally(RunSummary& summary);

class Executor {
public:
    Executor(const graph::BuildGraph& graph, const BuildCache& cache, NodeRunner& runner, Status& status)
        : m_graph(graph), m_cache(cache), m_runner(runner), m_status(status) {}
    util::Expected<RunSummary> run(const KeyContext& keys, const RunOptions& options);

private:
    void prepare(const std::vector<KeyInputs>& keys);
    NodeJob job_for(size_t i, const RunSummary& summary) const;
    void count(RunSummary& summary, const graph::Plan& plan);
    const graph::BuildGraph& m_graph;
    const BuildCache& m_cache;
    NodeRunner& m_runner;
    Status& m_status;
    std::vector<KeyInputs> m_inputs;
    std::vector<std::vector<std::string>> m_reasons;
    std::vector<double> m_weights;
};

}  // namespace wb::engine
