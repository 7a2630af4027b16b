#pragma once
// The build graph: recipe × platform. Each package is one node per platform; a node that does not
// link against Python (a C library whose host dependencies are C libraries too) is one node for all
// platforms of the same flavor (toolchain root and flags), built once and keyed once. Host
// requirements (and a package's implicit cross-build environment) are edges that order builds;
// run requirements only pull packages into the set.
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "recipe/recipe_set.hpp"

namespace wb::graph {

struct Node {
    const recipe::Recipe* recipe = nullptr;
    const platform::Platform* platform = nullptr;        ///< the platform it is built with (the first of platforms)
    std::vector<const platform::Platform*> platforms;    ///< every platform whose builds use this node
    bool shared = false;              ///< Python-independent: shared by every platform of its flavor
    std::vector<size_t> host_deps;    ///< must be built first
    std::vector<size_t> run_deps;     ///< installed alongside at test/run time
    std::vector<size_t> dependents;   ///< nodes whose host_deps contain this one

    /// "numpy@pyemscripten_2026_0", or "zlib@shared-1a2b3c4d" for a shared node.
    std::string variant() const;
    std::string id() const { return recipe->name + "@" + variant(); }
    bool used_by(const platform::Platform& p) const;
};

class BuildGraph {
public:
    /// The closure of `targets` (all recipes when empty) over host and run requirements, for each
    /// platform. A package's cross-build environment is the recipe its platform names.
    static util::Expected<BuildGraph> make(const recipe::RecipeSet& recipes, const std::vector<std::string>& targets,
                                           const std::vector<const platform::Platform*>& platforms);

    const std::vector<Node>& nodes() const { return m_nodes; }
    const Node& node(size_t i) const { return m_nodes[i]; }
    size_t size() const { return m_nodes.size(); }
    /// The node of a recipe used by a platform, or size() when absent.
    size_t find(const std::string& name, const platform::Platform& platform) const;
    /// The nodes the user asked for (every target on every platform), in graph order.
    const std::vector<size_t>& requested() const { return m_requested; }
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
    std::vector<size_t> m_requested;
};

}  // namespace wb::graph
