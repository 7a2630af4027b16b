#include "graph/build_graph.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

namespace wb::graph {
using util::ErrorKind;

util::Expected<BuildGraph> BuildGraph::make(const recipe::RecipeSet& recipes, const std::vector<std::string>& targets,
                                            const specs::Platform& platform) {
    std::vector<std::string> roots = targets;
    if (roots.empty()) {
        for (const auto& r : recipes.all()) roots.push_back(r.name);
    }
    BuildGraph g;
    std::map<std::string, size_t> index;
    std::function<util::Expected<size_t>(const std::string&)> add = [&](const std::string& name) -> util::Expected<size_t> {
        if (auto it = index.find(name); it != index.end()) return it->second;
        const recipe::Recipe* r = recipes.find(name);
        if (!r) {
            return util::fail(ErrorKind::Usage, fmt::format("no recipe named '{}' (expected a folder recipes/{}/ with a "
                                                            "meta.yaml)", name, name));
        }
        size_t id = g.m_nodes.size();
        g.m_nodes.push_back(Node{r, platform, {}, {}, {}});
        index[name] = id;
        for (const auto& dep : recipes.host_dependencies(*r)) {
            auto d = add(dep);
            if (!d) return d;
            g.m_nodes[id].host_deps.push_back(*d);
            g.m_nodes[*d].dependents.push_back(id);
        }
        for (const auto& req : r->run_requirements) {
            auto d = add(recipe::requirement_name(req));
            if (!d) return d;
            g.m_nodes[id].run_deps.push_back(*d);
        }
        return id;
    };
    for (const auto& name : roots) {
        if (auto a = add(name); !a) return tl::unexpected(a.error());
    }
    return g;
}

size_t BuildGraph::find(const std::string& name) const {
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].recipe->name == name) return i;
    }
    return m_nodes.size();
}

std::vector<size_t> BuildGraph::topological_order() const {
    std::vector<size_t> order;
    std::vector<int> state(m_nodes.size(), 0);
    std::function<void(size_t)> visit = [&](size_t i) {
        if (state[i]) return;
        state[i] = 1;
        for (size_t d : m_nodes[i].host_deps) visit(d);
        order.push_back(i);
    };
    for (size_t i = 0; i < m_nodes.size(); ++i) visit(i);
    return order;
}

std::vector<size_t> BuildGraph::transitive_dependents(size_t i) const {
    std::set<size_t> seen;
    std::vector<size_t> todo = m_nodes[i].dependents;
    while (!todo.empty()) {
        size_t n = todo.back();
        todo.pop_back();
        if (!seen.insert(n).second) continue;
        todo.insert(todo.end(), m_nodes[n].dependents.begin(), m_nodes[n].dependents.end());
    }
    return {seen.begin(), seen.end()};
}

std::vector<size_t> BuildGraph::transitive_host_deps(size_t i) const {
    std::vector<size_t> order;
    std::vector<int> state(m_nodes.size(), 0);
    std::function<void(size_t)> visit = [&](size_t n) {
        for (size_t d : m_nodes[n].host_deps) {
            if (state[d]) continue;
            state[d] = 1;
            visit(d);
            order.push_back(d);
        }
    };
    visit(i);
    return order;
}

std::vector<size_t> BuildGraph::transitive_run_deps(size_t i) const {
    std::set<size_t> seen;
    std::vector<size_t> todo = m_nodes[i].run_deps;
    std::vector<size_t> out;
    while (!todo.empty()) {
        size_t n = todo.back();
        todo.pop_back();
        if (n == i || !seen.insert(n).second) continue;
        out.push_back(n);
        todo.insert(todo.end(), m_nodes[n].run_deps.begin(), m_nodes[n].run_deps.end());
    }
    return out;
}

}  // namespace wb::graph
