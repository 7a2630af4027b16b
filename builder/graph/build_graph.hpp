#pragma once
// The build graph: one node per (recipe, platform) reachable from the requested targets. Host
// requirements are edges that order builds; run requirements only pull packages into the set.
#include <string>
#include <vector>

#include "recipe/recipe_set.hpp"
#include "specs/platform.hpp"

namespace wb::graph {

struct Node {
    const recipe::Recipe* recipe = nullptr;
    specs::Platform platform;
    std::vector<size_t> host_deps;   ///< must be built first
    std::vector<size_t> run_deps;    ///< installed alongside at test/run time
    std::vector<size_t> dependents;  ///< nodes whose host_deps contain this one
    std::string id() const { return recipe->name + "@" + platform.name; }
};

class BuildGraph {
public:
    /// The closure of `targets` (all recipes when empty) over host and run requirements.
    static util::Expected<BuildGraph> make(const recipe::RecipeSet& recipes, const std::vector<std::string>& targets,
                                           const specs::Platform& platform);

    const std::vector<Node>& nodes() const { return m_nodes; }
    const Node& node(size_t i) const { return m_nodes[i]; }
    size_t size() const { return m_nodes.size(); }
    /// Index of the node for a recipe name, or size() when absent.
    size_t find(const std::string& name) const;
    /// Dependencies first.
    std::vector<size_t> topological_order() const;
    /// Every node that host-depends on i, directly or not.
    std::vector<size_t> transitive_dependents(size_t i) const;
    /// i's host dependencies, transitively, in dependency-first order.
    std::vector<size_t> transitive_host_deps(size_t i) const;
    /// i's run dependencies, transitively (for installing a package with what it needs).
    std::vector<size_t> transitive_run_deps(size_t i) const;

private:
    std::vector<Node> m_nodes;
};

}  // namespace wb::graph
