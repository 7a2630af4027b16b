#include "graph/plan.hpp"

#include <algorithm>

namespace wb::graph {

Plan::Plan(const BuildGraph& graph, std::vector<double> weights)
    : m_graph(graph), m_priority(graph.size(), 0.0), m_state(graph.size(), NodeState::Waiting),
      m_pending_deps(graph.size(), 0) {
    weights.resize(graph.size(), 1.0);
    // Longest path to a sink: process nodes dependents-first (reverse topological order).
    auto order = graph.topological_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        double best = 0;
        for (size_t dep : graph.node(*it).dependents) best = std::max(best, m_priority[dep]);
        m_priority[*it] = weights[*it] + best;
    }
    for (size_t i = 0; i < graph.size(); ++i) m_pending_deps[i] = graph.node(i).host_deps.size();
}

std::optional<size_t> Plan::take_ready() {
    std::optional<size_t> best;
    for (size_t i = 0; i < m_state.size(); ++i) {
        if (m_state[i] != NodeState::Waiting || m_pending_deps[i] != 0) continue;
        if (!best || m_priority[i] > m_priority[*best]) best = i;
    }
    if (best) m_state[*best] = NodeState::Running;
    return best;
}

void Plan::finished(size_t node, bool ok) {
    m_state[node] = ok ? NodeState::Done : NodeState::Failed;
    if (ok) {
        for (size_t dep : m_graph.node(node).dependents) --m_pending_deps[dep];
        return;
    }
    for (size_t dep : m_graph.transitive_dependents(node)) {
        if (m_state[dep] == NodeState::Waiting) m_state[dep] = NodeState::Skipped;
    }
}

void Plan::cancel_waiting() {
    for (auto& s : m_state) {
        if (s == NodeState::Waiting) s = NodeState::Skipped;
    }
}

bool Plan::all_settled() const {
    return std::none_of(m_state.begin(), m_state.end(),
                        [](NodeState s) { return s == NodeState::Waiting || s == NodeState::Running; });
}

bool Plan::any_running() const {
    return std::any_of(m_state.begin(), m_state.end(), [](NodeState s) { return s == NodeState::Running; });
}

}  // namespace wb::graph
