#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "engine/executor.hpp"
#include "engine/node_builder.hpp"
#include "fetch/curl_downloader.hpp"
#include "util/file_util.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

recipe::Recipe lib(const std::string& name, std::vector<std::string> host = {}) {
    recipe::Recipe r;
    r.name = name;
    r.version = "1";
    r.type = recipe::BuildType::StaticLibrary;
    r.script = "true";
    r.host_requirements = std::move(host);
    r.file = "recipes/" + name + "/meta.yaml";
    return r;
}

/// Runs an executor over a small graph with a fake node builder that records calls and writes
/// real result records (so the cache behaves as in production).
class ExecutorTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = *util::make_temp_dir(util::temp_root(), "wb-exec-");
        auto set = recipe::RecipeSet::from_recipes({lib("base"), lib("mid", {"base"}), lib("top", {"mid"}), lib("other")},
                                                   m_dir);
        ASSERT_TRUE(set);
        m_recipes = std::make_unique<recipe::RecipeSet>(std::move(*set));
        auto g = graph::BuildGraph::make(*m_recipes, {}, specs::Platform::known()[0]);
        ASSERT_TRUE(g);
        m_graph = std::make_unique<graph::BuildGraph>(std::move(*g));
        m_store = std::make_unique<fetch::SourceStore>(m_dir / "cache/sources");
        m_debian = std::make_unique<fetch::DebianSourceFetcher>(m_runner);
        m_ctx = std::make_unique<BuildContext>(BuildContext{CacheLayout(m_dir / "cache"), m_dir,
                                                            specs::Platform::known()[0], {},
                                                            {*m_store, m_downloader, *m_debian, m_runner}});
    }
    void TearDown() override { util::remove_tree_quiet(m_dir); }

    RunSummary run(RunOptions options) {
        Executor ex(*m_ctx, *m_graph, m_status, [this](const BuildContext& ctx, const NodeInputs& in) {
            BuildResult r;
            r.name = in.node->recipe->name;
            r.version = "1";
            r.key = in.key_inputs.key();
            r.inputs = in.key_inputs;
            r.dir = ctx.layout.build_dir(ctx.platform.name, r.name, r.key);
            {
                std::lock_guard lock(m_mutex);
                m_built.push_back(r.name);
                for (const auto* dep : in.deps) m_seen_deps[r.name].push_back(dep->name);
            }
            if (r.name == m_failing) {
                r.outcome = Outcome::Failed;
                r.error = "boom";
                return r;
            }
            fs::create_directories(r.dir);
            r.outcome = Outcome::Built;
            EXPECT_TRUE(write_result(r));
            return r;
        });
        auto s = ex.run(options);
        EXPECT_TRUE(s) << s.error().message;
        return *s;
    }

    fs::path m_dir;
    util::RealProcessRunner m_runner;
    fetch::CurlDownloader m_downloader;
    std::unique_ptr<recipe::RecipeSet> m_recipes;
    std::unique_ptr<graph::BuildGraph> m_graph;
    std::unique_ptr<fetch::SourceStore> m_store;
    std::unique_ptr<fetch::DebianSourceFetcher> m_debian;
    std::unique_ptr<BuildContext> m_ctx;
    RecordingStatus m_status;
    std::mutex m_mutex;
    std::vector<std::string> m_built;
    std::map<std::string, std::vector<std::string>> m_seen_deps;
    std::string m_failing;
};

TEST_F(ExecutorTest, BuildsInDependencyOrderThenCaches) {
    auto first = run({2, false, false});
    EXPECT_EQ(first.built, 4);
    auto pos = [&](const std::string& n) { return std::find(m_built.begin(), m_built.end(), n) - m_built.begin(); };
    EXPECT_LT(pos("base"), pos("mid"));
    EXPECT_LT(pos("mid"), pos("top"));
    EXPECT_EQ(m_seen_deps["top"], (std::vector<std::string>{"base", "mid"}));
    m_built.clear();
    auto second = run({2, false, false});
    EXPECT_EQ(second.cached, 4);
    EXPECT_TRUE(m_built.empty());
}

TEST_F(ExecutorTest, KeepGoingBuildsWhatDoesNotDependOnTheFailure) {
    m_failing = "mid";
    auto s = run({1, true, false});
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.skipped, 1);
    EXPECT_EQ(s.built, 2);  // base, other
    EXPECT_EQ(s.results[m_graph->find("top")].error, "dependency mid failed");
    EXPECT_FALSE(s.ok());
}

TEST_F(ExecutorTest, WithoutKeepGoingTheFirstFailureStopsNewWork) {
    m_failing = "base";
    auto s = run({1, false, false});
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.built + s.failed + s.skipped + s.cached, 4);
    EXPECT_EQ(std::count(m_built.begin(), m_built.end(), "mid"), 0);
}

TEST_F(ExecutorTest, DryRunBuildsNothingAndSaysWhy) {
    auto s = run({2, false, true});
    EXPECT_TRUE(m_built.empty());
    EXPECT_EQ(s.results[m_graph->find("base")].reasons, std::vector<std::string>{"never built"});
}

}  // namespace
}  // namespace wb::engine
