#include <gtest/gtest.h>

#include "graph/build_graph.hpp"
#include "graph/plan.hpp"
#include "graph_test_support.hpp"

namespace wb::graph {
namespace {
using test::lib;

recipe::RecipeSet diamond() {
    // top needs left and right; left needs base; right is independent; extra is unrelated.
    return test::recipe_set({lib("base"), lib("left", {"base"}), lib("right"), lib("top", {"left", "right"}),
                             lib("extra"), lib("runner", {}, {"extra"})});
}

const platform::Platform k_platform = test::platform_with("p", "3.14", "flavor-p");
const std::vector<const platform::Platform*> k_one = {&k_platform};

TEST(BuildGraph, ClosureOfTargetsOverHostAndRunRequirements) {
    auto set = diamond();
    auto g = BuildGraph::make(set, {"top"}, k_one);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->size(), 4u);
    EXPECT_EQ(g->find("extra", k_platform), g->size());
    auto r = BuildGraph::make(set, {"runner"}, k_one);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->size(), 2u);  // run requirements are pulled in too
    auto missing = BuildGraph::make(set, {"nope"}, k_one);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::Usage);
}

TEST(BuildGraph, TopologicalOrderPutsDependenciesFirst) {
    auto set = diamond();
    auto g = BuildGraph::make(set, {}, k_one);
    ASSERT_TRUE(g);
    auto order = g->topological_order();
    std::vector<size_t> position(g->size());
    for (size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
    EXPECT_LT(position[g->find("base", k_platform)], position[g->find("left", k_platform)]);
    EXPECT_LT(position[g->find("left", k_platform)], position[g->find("top", k_platform)]);
    EXPECT_LT(position[g->find("right", k_platform)], position[g->find("top", k_platform)]);
}

TEST(Plan, LongestChainFirst) {
    auto set = diamond();
    auto g = BuildGraph::make(set, {"top"}, k_one);
    ASSERT_TRUE(g);
    Plan plan(*g, std::vector<double>(g->size(), 1.0));
    // base heads the chain base -> left -> top (3), right only right -> top (2).
    auto first = plan.take_ready();
    ASSERT_TRUE(first);
    EXPECT_EQ(g->node(*first).recipe->name, "base");
    auto second = plan.take_ready();
    ASSERT_TRUE(second);
    EXPECT_EQ(g->node(*second).recipe->name, "right");
    EXPECT_FALSE(plan.take_ready());  // left and top wait for their dependencies
    plan.finished(*first, true);
    auto third = plan.take_ready();
    ASSERT_TRUE(third);
    EXPECT_EQ(g->node(*third).recipe->name, "left");
}

TEST(Plan, WeightsChangeThePriority) {
    auto set = diamond();
    auto g = BuildGraph::make(set, {"top"}, k_one);
    ASSERT_TRUE(g);
    std::vector<double> w(g->size(), 1.0);
    w[g->find("right", k_platform)] = 100;  // a slow build goes first
    Plan plan(*g, w);
    EXPECT_EQ(g->node(*plan.take_ready()).recipe->name, "right");
}

TEST(Plan, FailureSkipsDependentsOnly) {
    auto set = diamond();
    auto g = BuildGraph::make(set, {}, k_one);
    ASSERT_TRUE(g);
    Plan plan(*g, {});
    std::optional<size_t> n;
    while ((n = plan.take_ready())) plan.finished(*n, g->node(*n).recipe->name != "base");
    EXPECT_TRUE(plan.all_settled());
    EXPECT_EQ(plan.state(g->find("base", k_platform)), NodeState::Failed);
    EXPECT_EQ(plan.state(g->find("left", k_platform)), NodeState::Skipped);
    EXPECT_EQ(plan.state(g->find("top", k_platform)), NodeState::Skipped);
    EXPECT_EQ(plan.state(g->find("right", k_platform)), NodeState::Done);
    EXPECT_EQ(plan.state(g->find("extra", k_platform)), NodeState::Done);
}

}  // namespace
}  // namespace wb::graph
