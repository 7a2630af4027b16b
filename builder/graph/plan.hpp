#pragma once
// What is ready to build next. Ready nodes are handed out longest remaining chain first (the
// critical path), weighted by each node's expected duration; a failure skips its dependents.
#include <optional>
#include <vector>

#include "graph/build_graph.hpp"

namespace wb::graph {

enum class NodeState { Waiting, Running, Done, Failed, Skipped };

class Plan {
public:
    /// weights[i]: expected cost of node i (e.g. its last build time; 1 when unknown).
    Plan(const BuildGraph& graph, std::vector<double> weights);

    /// The ready node with the longest chain to the end, marked Running; nullopt if none is ready.
    std::optional<size_t> take_ready();
    void finished(size_t node, bool ok);
    /// Stops handing out work (without keep-going after a failure): waiting nodes become Skipped.
    void cancel_waiting();
    bool all_settled() const;
    bool any_running() const;
    NodeState state(size_t node) const { return m_state[node]; }
    double priority(size_t node) const { return m_priority[node]; }

private:
    const BuildGraph& m_graph;
    std::vector<double> m_priority;
    std::vector<NodeState> m_state;
    std::vector<size_t> m_pending_deps;
};

}  // namespace wb::graph
