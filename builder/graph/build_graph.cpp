#include "graph/build_graph.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

namespace wb::graph {
using util::ErrorKind;

std::string Node::variant() const { return shared ? "shared-" + platform->flavor.substr(0, 8) : platform->name; }

bool Node::used_by(const platform::Platform& p) const {
    return std::find(platforms.begin(), platforms.end(), &p) != platforms.end();
}

namespace {

bool links_python(recipe::BuildType type) {
    return type == recipe::BuildType::Package || type == recipe::BuildType::CrossEnv;
}

}  // namespace

util::Expected<BuildGraph> BuildGraph::make(const recipe::RecipeSet& recipes, const std::vector<std::string>& targets,
                                            const std::vector<const platform::Platform*>& platforms) {
    std::vector<std::string> roots = targets;
    if (roots.empty()) {
        for (const auto& r : recipes.all()) {
            if (r.type != recipe::BuildType::CrossEnv) roots.push_back(r.name);
        }
    }
    BuildGraph g;
    std::map<std::string, size_t> index;  // "name@variant" -> node
    for (const platform::Platform* platform : platforms) {
        std::map<std::string, size_t> here;  // this platform's nodes by recipe name
        std::function<util::Expected<size_t>(const std::string&)> add;
        add = [&](const std::string& name) -> util::Expected<size_t> {
            if (auto it = here.find(name); it != here.end()) return it->second;
            const recipe::Recipe* r = recipes.find(name);
            if (!r) {
                return util::fail(ErrorKind::Usage, fmt::format("no recipe named '{}' (expected a folder recipes/{}/ "
                                                                "with a meta.yaml)", name, name));
            }
            std::vector<std::string> host = recipes.build_dependencies(*r);
            if (r->type == recipe::BuildType::Package) host.push_back(platform->cross_env);
            std::vector<size_t> deps;
            bool shared = !links_python(r->type);
            for (const auto& dep : host) {
                auto d = add(dep);
                if (!d) return d;
                if (std::find(deps.begin(), deps.end(), *d) == deps.end()) deps.push_back(*d);
                shared = shared && g.m_nodes[*d].shared;
            }
            Node node{r, platform, {platform}, shared, deps, {}, {}};
            std::string id = node.id();
            size_t i;
            if (auto it = index.find(id); it != index.end()) {
                i = it->second;
                g.m_nodes[i].platforms.push_back(platform);
            } else {
                i = g.m_nodes.size();
                g.m_nodes.push_back(std::move(node));
                index[id] = i;
                for (size_t d : deps) g.m_nodes[d].dependents.push_back(i);
            }
            here[name] = i;
            auto run_dep = [&](size_t d) {
                auto& run = g.m_nodes[i].run_deps;
                if (std::find(run.begin(), run.end(), d) == run.end()) run.push_back(d);
            };
            // A shared library linked against is needed at run time too: the loader must have
            // installed it before this node's modules load (Pyodide's "depends").
            for (size_t d : deps) {
                if (g.m_nodes[d].recipe->type == recipe::BuildType::SharedLibrary) run_dep(d);
            }
            for (const auto& req : r->run_requirements) {
                auto d = add(recipe::requirement_name(req));
                if (!d) return d;
                run_dep(*d);
            }
            return i;
        };
        for (const auto& name : roots) {
            auto a = add(name);
            if (!a) return tl::unexpected(a.error());
            if (std::find(g.m_requested.begin(), g.m_requested.end(), *a) == g.m_requested.end()) {
                g.m_requested.push_back(*a);
            }
        }
    }
    return g;
}

size_t BuildGraph::find(const std::string& name, const platform::Platform& platform) const {
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].recipe->name == name && m_nodes[i].used_by(platform)) return i;
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
