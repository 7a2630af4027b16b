#include <gtest/gtest.h>

#include <algorithm>

#include "graph/build_graph.hpp"
#include "graph_test_support.hpp"

namespace wb::graph {
namespace {
using recipe::BuildType;
using test::lib;
using test::make_recipe;
using test::package;

/// zlib <- png <- pillow (a package); numpy runs with six; pylib is a C library built against
/// Python (a cross-build environment); each platform has its own cross-build environment.
class BuildGraphTest : public ::testing::Test {
protected:
    BuildGraphTest()
        : m_set(test::recipe_set({lib("zlib"), lib("png", {"zlib"}), package("pillow", {"png"}),
                                  package("numpy", {}, {"six"}), package("six"), lib("pylib", {"xenv314"}),
                                  make_recipe("xenv314", BuildType::CrossEnv), make_recipe("xenv315", BuildType::CrossEnv)})),
          m_a(test::platform_with("a", "3.14", "flavor-ab", "xenv314")),
          m_b(test::platform_with("b", "3.15", "flavor-ab", "xenv315")),
          m_c(test::platform_with("c", "3.14", "flavor-c", "xenv314")) {}

    BuildGraph make(const std::vector<std::string>& targets, std::vector<const platform::Platform*> platforms) {
        auto g = BuildGraph::make(m_set, targets, platforms);
        EXPECT_TRUE(g) << g.error().message;
        return std::move(*g);
    }
    static bool has(const std::vector<size_t>& list, size_t i) {
        return std::find(list.begin(), list.end(), i) != list.end();
    }

    recipe::RecipeSet m_set;
    platform::Platform m_a, m_b, m_c;
};

TEST_F(BuildGraphTest, APackageIsOneNodePerPlatform) {
    BuildGraph g = make({"pillow"}, {&m_a, &m_b});
    size_t a = g.find("pillow", m_a), b = g.find("pillow", m_b);
    ASSERT_LT(a, g.size());
    ASSERT_LT(b, g.size());
    EXPECT_NE(a, b);
    EXPECT_FALSE(g.node(a).shared);
    EXPECT_EQ(g.node(a).platform, &m_a);
    EXPECT_EQ(g.node(a).platforms, std::vector<const platform::Platform*>{&m_a});
    EXPECT_EQ(g.node(b).platforms, std::vector<const platform::Platform*>{&m_b});
    EXPECT_EQ(g.node(a).id(), "pillow@a");
    EXPECT_EQ(g.node(b).id(), "pillow@b");
    EXPECT_TRUE(g.node(a).used_by(m_a));
    EXPECT_FALSE(g.node(a).used_by(m_b));
}

TEST_F(BuildGraphTest, AStaticLibraryChainIsSharedByPlatformsOfOneFlavor) {
    BuildGraph g = make({"pillow"}, {&m_a, &m_b});
    EXPECT_EQ(g.size(), 6u);  // zlib, png, xenv314, xenv315, pillow twice
    for (const char* name : {"zlib", "png"}) {
        size_t i = g.find(name, m_a);
        ASSERT_LT(i, g.size()) << name;
        EXPECT_EQ(g.find(name, m_b), i) << name;
        const Node& n = g.node(i);
        EXPECT_TRUE(n.shared) << name;
        EXPECT_EQ(n.platforms, (std::vector<const platform::Platform*>{&m_a, &m_b})) << name;
        EXPECT_EQ(n.variant(), "shared-flavor-a");  // the flavor's first 8 characters
    }
    size_t zlib = g.find("zlib", m_a), png = g.find("png", m_a);
    EXPECT_EQ(g.node(png).host_deps, std::vector<size_t>{zlib});
    EXPECT_EQ(g.node(zlib).dependents, std::vector<size_t>{png});
    EXPECT_EQ(g.node(png).dependents, (std::vector<size_t>{g.find("pillow", m_a), g.find("pillow", m_b)}));
    auto dependents = g.transitive_dependents(zlib);
    EXPECT_EQ(dependents.size(), 3u);
    EXPECT_TRUE(has(dependents, g.find("pillow", m_b)));
}

TEST_F(BuildGraphTest, PlatformsOfAnotherFlavorGetTheirOwnLibraries) {
    BuildGraph g = make({"png"}, {&m_a, &m_c});
    EXPECT_NE(g.find("zlib", m_a), g.find("zlib", m_c));
    EXPECT_NE(g.find("png", m_a), g.find("png", m_c));
    EXPECT_EQ(g.size(), 4u);
    EXPECT_NE(g.node(g.find("zlib", m_a)).id(), g.node(g.find("zlib", m_c)).id());
}

TEST_F(BuildGraphTest, ALibraryBuiltAgainstPythonIsNotShared) {
    BuildGraph g = make({"pylib"}, {&m_a, &m_b});
    size_t a = g.find("pylib", m_a), b = g.find("pylib", m_b);
    ASSERT_LT(a, g.size());
    EXPECT_NE(a, b);
    EXPECT_FALSE(g.node(a).shared);
    EXPECT_EQ(g.node(a).id(), "pylib@a");
    EXPECT_TRUE(has(g.node(a).host_deps, g.find("xenv314", m_a)));
}

TEST_F(BuildGraphTest, PackagesHostDependOnTheirPlatformsCrossEnvironment) {
    BuildGraph g = make({"pillow"}, {&m_a, &m_b});
    size_t xa = g.find("xenv314", m_a), xb = g.find("xenv315", m_b);
    ASSERT_LT(xa, g.size());
    ASSERT_LT(xb, g.size());
    EXPECT_EQ(g.find("xenv315", m_a), g.size());  // the other platform's is not pulled in
    EXPECT_FALSE(g.node(xa).shared);
    EXPECT_TRUE(has(g.node(g.find("pillow", m_a)).host_deps, xa));
    EXPECT_TRUE(has(g.node(g.find("pillow", m_b)).host_deps, xb));
    EXPECT_FALSE(has(g.node(g.find("pillow", m_b)).host_deps, xa));
    // Libraries do not link against Python: no cross-build environment for them.
    EXPECT_FALSE(has(g.node(g.find("png", m_a)).host_deps, xa));
    // Dependencies first: zlib before png, both before pillow needs them.
    auto deps = g.transitive_host_deps(g.find("pillow", m_a));
    EXPECT_EQ(deps, (std::vector<size_t>{g.find("zlib", m_a), g.find("png", m_a), xa}));
}

TEST_F(BuildGraphTest, RunRequirementsArePulledInButAreNotEdges) {
    BuildGraph g = make({"numpy"}, {&m_a});
    size_t numpy = g.find("numpy", m_a), six = g.find("six", m_a);
    ASSERT_LT(six, g.size());
    EXPECT_EQ(g.node(numpy).run_deps, std::vector<size_t>{six});
    EXPECT_FALSE(has(g.node(numpy).host_deps, six));
    EXPECT_EQ(g.transitive_run_deps(numpy), std::vector<size_t>{six});
}

TEST_F(BuildGraphTest, RequestedIsEveryTargetOnEveryPlatformOnce) {
    BuildGraph g = make({"pillow", "zlib"}, {&m_a, &m_b});
    EXPECT_EQ(g.requested(), (std::vector<size_t>{g.find("pillow", m_a), g.find("zlib", m_a), g.find("pillow", m_b)}));
    BuildGraph all = make({}, {&m_a});
    std::vector<std::string> names;
    for (size_t i : all.requested()) names.push_back(all.node(i).recipe->name);
    std::sort(names.begin(), names.end());
    // Every recipe but the cross-build environments.
    EXPECT_EQ(names, (std::vector<std::string>{"numpy", "pillow", "png", "pylib", "six", "zlib"}));
}

TEST_F(BuildGraphTest, FindIsPerPlatform) {
    BuildGraph g = make({"png"}, {&m_a});
    EXPECT_EQ(g.find("pillow", m_a), g.size());  // not in the graph
    EXPECT_EQ(g.find("png", m_b), g.size());     // not built for that platform
    EXPECT_EQ(g.find("nothing", m_a), g.size());
}

TEST_F(BuildGraphTest, AnUnknownTargetIsAUsageError) {
    auto g = BuildGraph::make(m_set, {"nope"}, {&m_a});
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(g.error().message.find("no recipe named 'nope'"), std::string::npos);
}

}  // namespace
}  // namespace wb::graph

namespace wb::graph {
namespace {

TEST(BuildGraphSharedLibraryTest, ASharedLibraryLinkedAgainstIsARunDependencyToo) {
    auto set = test::recipe_set({test::make_recipe("libgeos", recipe::BuildType::SharedLibrary),
                                 test::make_recipe("libgdal", recipe::BuildType::SharedLibrary, {"libgeos"}),
                                 test::package("fiona", {"libgdal", "libz"}, {"six"}), test::lib("libz"),
                                 test::package("six"), test::make_recipe("xenv", recipe::BuildType::CrossEnv)});
    platform::Platform a = test::platform_with("a", "3.14", "flavor-a");
    auto g = BuildGraph::make(set, {"fiona"}, {&a});
    ASSERT_TRUE(g) << g.error().message;
    auto names = [&](const std::vector<size_t>& nodes) {
        std::vector<std::string> out;
        for (size_t n : nodes) out.push_back(g->node(n).recipe->name);
        std::sort(out.begin(), out.end());
        return out;
    };
    size_t fiona = g->find("fiona", a);
    // libgdal (shared) is needed when fiona loads; the static libz is not; six is a run requirement.
    EXPECT_EQ(names(g->node(fiona).run_deps), (std::vector<std::string>{"libgdal", "six"}));
    EXPECT_EQ(names(g->node(g->find("libgdal", a)).run_deps), std::vector<std::string>{"libgeos"});
    EXPECT_EQ(names(g->transitive_run_deps(fiona)), (std::vector<std::string>{"libgdal", "libgeos", "six"}));
    EXPECT_TRUE(g->node(g->find("libgdal", a)).shared);  // no Python: one node for the flavor
}

}  // namespace
}  // namespace wb::graph

namespace wb::graph {
namespace {

TEST(BuildGraphHostPackageTest, AHostPackageBringsItsRunRequirementsIntoTheBuild) {
    auto set = test::recipe_set({test::package("pyerfa", {"numpy", "setuptools-scm"}, {"numpy"}), test::package("numpy"),
                                 test::package("setuptools-scm", {}, {"packaging", "vcs-versioning"}),
                                 test::package("vcs-versioning", {}, {"packaging"}), test::package("packaging"),
                                 test::make_recipe("xenv", recipe::BuildType::CrossEnv)});
    platform::Platform a = test::platform_with("a", "3.14", "flavor-a");
    auto g = BuildGraph::make(set, {"pyerfa"}, {&a});
    ASSERT_TRUE(g) << g.error().message;
    std::vector<std::string> host;
    for (size_t d : g->node(g->find("pyerfa", a)).host_deps) host.push_back(g->node(d).recipe->name);
    std::sort(host.begin(), host.end());
    EXPECT_EQ(host, (std::vector<std::string>{"numpy", "packaging", "setuptools-scm", "vcs-versioning", "xenv"}));
}

}  // namespace
}  // namespace wb::graph
