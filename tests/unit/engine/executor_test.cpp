#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "engine/executor.hpp"
#include "engine_test_support.hpp"
#include "fakes/fake_node_runner.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

/// base <- mid <- top, and other: four C libraries on platform a, built by a fake runner that
/// writes real records into a real cache directory.
class ExecutorTest : public test::ProjectTest {
protected:
    void SetUp() override {
        ProjectTest::SetUp();
        add_recipes({test::lib("base"), test::lib("mid", {"base"}), test::lib("top", {"mid"}), test::lib("other")});
        write(project() / "recipes/mid/build.sh", "make\n");
        auto g = graph::BuildGraph::make(recipes(), {}, {&a()});
        ASSERT_TRUE(g) << g.error().message;
        m_graph = std::make_unique<graph::BuildGraph>(std::move(*g));
        m_runner = std::make_unique<fakes::FakeNodeRunner>(layout());
    }

    RunSummary run(NodeRunner& runner, RunOptions options) {
        BuildCache cache(layout());
        Executor executor(*m_graph, cache, runner, m_status);
        auto s = executor.run(KeyContext{project(), "frontend", "tools"}, options);
        EXPECT_TRUE(s) << s.error().message;
        return s ? *s : RunSummary{};
    }
    RunSummary run(RunOptions options) { return run(*m_runner, options); }

    CacheLayout layout() const { return CacheLayout(dir() / "cache"); }
    size_t node(const std::string& name) const { return m_graph->find(name, a()); }
    std::string id(const std::string& name) const { return m_graph->node(node(name)).id(); }
    size_t position(const std::vector<std::string>& list, const std::string& name) const {
        return std::find(list.begin(), list.end(), id(name)) - list.begin();
    }
    bool has_event(const std::string& prefix) const {
        return std::any_of(m_status.events.begin(), m_status.events.end(),
                           [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
    }

    std::unique_ptr<graph::BuildGraph> m_graph;
    std::unique_ptr<fakes::FakeNodeRunner> m_runner;  ///< made in SetUp, once the cache directory is known
    RecordingStatus m_status;
};

TEST_F(ExecutorTest, BuildsDependenciesFirstAndHandsThemDown) {
    auto s = run({2, false});
    EXPECT_EQ(s.built, 4);
    EXPECT_TRUE(s.ok());
    auto started = m_runner->started();
    EXPECT_LT(position(started, "base"), position(started, "mid"));
    EXPECT_LT(position(started, "mid"), position(started, "top"));
    EXPECT_EQ(m_runner->deps[id("top")], (std::vector<std::string>{"base", "mid"}));
    EXPECT_EQ(m_runner->reasons[id("top")], std::vector<std::string>{"never built"});
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Built);
    EXPECT_EQ(s.results[node("top")].name, "top");
    EXPECT_TRUE(has_event("building top ["));
}

TEST_F(ExecutorTest, IndependentNodesRunInParallel) {
    m_runner->rendezvous({"base", "other"});  // both ready at the start
    auto s = run({2, false});
    EXPECT_EQ(s.built, 4);
    EXPECT_TRUE(m_runner->rendezvous_met());
    EXPECT_EQ(m_runner->max_parallel(), 2);
}

TEST_F(ExecutorTest, OneJobRunsOneNodeAtATime) {
    auto s = run({1, false});
    EXPECT_EQ(s.built, 4);
    EXPECT_EQ(m_runner->max_parallel(), 1);
}

TEST_F(ExecutorTest, KeepGoingBuildsWhatDoesNotDependOnTheFailure) {
    m_runner->fail("mid");
    auto s = run({1, true});
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.skipped, 1);
    EXPECT_EQ(s.built, 2);  // base, other
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Skipped);
    EXPECT_EQ(s.results[node("top")].error, "dependency mid failed");
    EXPECT_EQ(s.results[node("other")].outcome, Outcome::Built);
    EXPECT_EQ(position(m_runner->started(), "top"), m_runner->started().size());  // never started
    EXPECT_TRUE(has_event("failed mid ["));
    EXPECT_TRUE(has_event("skipped top ["));
}

TEST_F(ExecutorTest, WithoutKeepGoingTheFirstFailureStopsNewWork) {
    m_runner->fail("base");  // the longest chain's head: the first node taken
    auto s = run({1, false});
    EXPECT_EQ(m_runner->started(), std::vector<std::string>{id("base")});
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.skipped, 3);
    EXPECT_EQ(s.results[node("mid")].error, "dependency base failed");
    EXPECT_EQ(s.results[node("other")].error, "the run stopped after a failure");
}

TEST_F(ExecutorTest, FinishedBuildsComeFromTheCacheAndAreNotRun) {
    auto first = run({2, false});
    ASSERT_EQ(first.built, 4);
    fakes::FakeNodeRunner second_runner(layout());
    auto second = run(second_runner, {2, false});
    EXPECT_EQ(second.cached, 4);
    EXPECT_TRUE(second_runner.started().empty());
    const BuildResult& top = second.results[node("top")];
    EXPECT_EQ(top.outcome, Outcome::Cached);
    EXPECT_EQ(top.dir, first.results[node("top")].dir);
    EXPECT_EQ(top.key, first.results[node("top")].key);
    ASSERT_EQ(top.wheels.size(), 1u);
    EXPECT_TRUE(has_event("cached top ["));
}

TEST_F(ExecutorTest, ARecordWhoseProductHashIsWrongIsRebuiltWithAWarning) {
    auto first = run({1, false});
    const BuildResult& mid = first.results[node("mid")];
    ASSERT_EQ(mid.wheels.size(), 1u);
    std::ofstream(mid.dir / mid.wheels[0].path, std::ios::binary) << "tampered";
    m_status.events.clear();
    fakes::FakeNodeRunner second_runner(layout());
    auto second = run(second_runner, {1, false});
    EXPECT_EQ(second_runner.started(), std::vector<std::string>{id("mid")});
    EXPECT_EQ(second.built, 1);
    EXPECT_EQ(second.cached, 3);  // top's key did not change: its build is still good
    ASSERT_EQ(second_runner.reasons[id("mid")].size(), 1u);
    EXPECT_EQ(second_runner.reasons[id("mid")][0].rfind("the cached build failed verification: ", 0), 0u);
    EXPECT_TRUE(has_event("warning: " + id("mid") + ": ")) << ::testing::PrintToString(m_status.events);
    auto warning = std::find_if(m_status.events.begin(), m_status.events.end(),
                                [](const std::string& e) { return e.starts_with("warning:"); });
    ASSERT_NE(warning, m_status.events.end());
    EXPECT_NE(warning->find("but the build recorded"), std::string::npos) << *warning;
    EXPECT_NE(warning->find("building it again"), std::string::npos) << *warning;
}

TEST_F(ExecutorTest, ADryRunBuildsNothingAndSaysWhy) {
    DryRunNodeRunner dry;
    auto s = run(dry, {2, false});
    EXPECT_EQ(s.would_build, 4);
    EXPECT_EQ(s.built, 0);
    EXPECT_TRUE(s.ok());
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::WouldBuild);
    EXPECT_EQ(s.results[node("top")].reasons, std::vector<std::string>{"never built"});
    EXPECT_FALSE(fs::exists(dir() / "cache/builds"));
    EXPECT_FALSE(has_event("building "));
}

TEST_F(ExecutorTest, ADryRunAfterAChangeNamesTheChangedInputs) {
    ASSERT_EQ(run({2, false}).built, 4);
    write(project() / "recipes/mid/build.sh", "make -j\n");
    DryRunNodeRunner dry;
    auto s = run(dry, {2, false});
    EXPECT_EQ(s.would_build, 2);
    EXPECT_EQ(s.cached, 2);
    EXPECT_EQ(s.results[node("mid")].reasons, std::vector<std::string>{"file build.sh changed"});
    EXPECT_EQ(s.results[node("top")].reasons, std::vector<std::string>{"dependency mid changed"});
    EXPECT_EQ(s.results[node("base")].outcome, Outcome::Cached);
}

}  // namespace
}  // namespace wb::engine
