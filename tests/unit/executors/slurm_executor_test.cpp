#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "executors/slurm/slurm_executor.hpp"
#include "fakes/fake_remote_storage.hpp"
#include "fakes/fake_slurm_client.hpp"
#include "unit/engine/engine_test_support.hpp"
#include "util/hash.hpp"
#include "util/subprocess.hpp"

namespace wb::executors {
namespace {
namespace fs = std::filesystem;
using engine::Outcome;

/// base <- mid <- top, and other: four C libraries on platform a, built "on the cluster" by a fake
/// worker that writes real records into the cache the executor reads.
class SlurmExecutorTest : public engine::test::ProjectTest {
protected:
    void SetUp() override {
        ProjectTest::SetUp();
        add_recipes({engine::test::lib("base"), engine::test::lib("mid", {"base"}), engine::test::lib("top", {"mid"}),
                     engine::test::lib("other")});
        auto g = graph::BuildGraph::make(recipes(), {}, {&a()});
        ASSERT_TRUE(g) << g.error().message;
        m_graph = std::make_unique<graph::BuildGraph>(std::move(*g));
        m_client = std::make_unique<fakes::FakeSlurmClient>([this](const JobSpec& job) { return work(job); });
    }

    engine::CacheLayout layout() const { return engine::CacheLayout(dir() / "cache"); }

    /// The fake worker: fails the recipes in m_failing, else leaves a finished build in the cache.
    bool work(const JobSpec& job) {
        auto [name, key] = m_node_of.at(job.name);
        std::ofstream(fs::path(replace(job.output.string(), "%j", "x")), std::ios::app);
        if (m_failing.count(name)) {
            std::ofstream(job.output.parent_path() / ("fail-" + name)) << "x";
            return false;
        }
        engine::BuildResult r;
        r.name = name;
        r.version = "1.0";
        r.variant = "a";
        r.key = key;
        r.build_seconds = 2.5;
        r.dir = layout().build_dir(name, key);
        fs::create_directories(r.dir);
        return bool(engine::write_result(r));
    }
    static std::string replace(std::string s, const std::string& from, const std::string& to) {
        if (auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
        return s;
    }

    engine::RunSummary run(bool keep_going = false) {
        engine::BuildCache cache(layout(), m_remote.get());
        WorkerCommand command = [this](const graph::Node& node, const std::string& key) {
            m_node_of["wb:" + node.id()] = {node.recipe->name, key};
            return std::vector<std::string>{"wasm-build", "run-node", "--name", node.recipe->name, "--key", key};
        };
        SlurmExecutor executor(*m_graph, cache, *m_client, m_status, command);
        SlurmRunOptions options;
        options.keep_going = keep_going;
        options.poll = std::chrono::milliseconds(1);
        options.log_dir = dir() / "logs";
        auto s = executor.run(engine::KeyContext{project(), "frontend", "tools"}, options);
        EXPECT_TRUE(s) << s.error().message;
        m_jobs = executor.jobs();
        return s ? *s : engine::RunSummary{};
    }

    size_t node(const std::string& name) const { return m_graph->find(name, a()); }
    const JobSpec& job_of(const std::string& name) const {
        for (const auto& j : m_client->submitted) {
            if (j.name == "wb:" + m_graph->node(node(name)).id()) return j;
        }
        throw std::runtime_error("no job for " + name);
    }
    std::string id_of(const std::string& name) const {
        for (size_t n = 0; n < m_client->submitted.size(); ++n) {
            if (m_client->submitted[n].name == "wb:" + m_graph->node(node(name)).id()) return m_client->ids[n];
        }
        return {};
    }
    bool has_event(const std::string& prefix) const {
        return std::any_of(m_status.events.begin(), m_status.events.end(),
                           [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
    }

    std::unique_ptr<graph::BuildGraph> m_graph;
    std::unique_ptr<fakes::FakeSlurmClient> m_client;
    std::map<std::string, std::pair<std::string, std::string>> m_node_of;
    std::set<std::string> m_failing;
    std::vector<JobRecord> m_jobs;
    engine::RecordingStatus m_status;
    std::unique_ptr<engine::RemoteCache> m_remote;  ///< none unless a test sets one
};

TEST_F(SlurmExecutorTest, OneJobPerNodeWithAfterokEdgesFromHostRequirements) {
    auto s = run();
    EXPECT_TRUE(s.ok());
    EXPECT_EQ(s.built, 4);
    ASSERT_EQ(m_client->submitted.size(), 4u);
    EXPECT_TRUE(job_of("base").after_ok.empty());
    EXPECT_EQ(job_of("mid").after_ok, std::vector<std::string>{id_of("base")});
    // top waits for every job among its host dependencies, transitively.
    auto top = job_of("top").after_ok;
    std::sort(top.begin(), top.end());
    std::vector<std::string> want{id_of("base"), id_of("mid")};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(top, want);
    EXPECT_NE(job_of("top").script.find("exec 'wasm-build' 'run-node' '--name' 'top'"), std::string::npos);
    EXPECT_EQ(job_of("top").time_limit_minutes, 10);
    EXPECT_EQ(job_of("top").output, dir() / "logs" / (m_graph->node(node("top")).id() + "-%j.log"));
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Built);
    EXPECT_DOUBLE_EQ(s.results[node("top")].seconds, 3.0);  // the job's own start-to-end time
    EXPECT_TRUE(has_event("building top ["));
    EXPECT_TRUE(m_client->cancelled.empty());
    EXPECT_TRUE(fs::exists(dir() / "logs" / "jobs.json"));
    ASSERT_EQ(m_jobs.size(), 4u);
    EXPECT_DOUBLE_EQ(m_jobs[0].build_seconds, 2.5);
}

TEST_F(SlurmExecutorTest, JobsAreSubmittedDependenciesFirstLongestChainFirst) {
    run();
    ASSERT_EQ(m_client->submitted.size(), 4u);
    auto position = [&](const std::string& name) { return std::stoi(id_of(name)); };
    EXPECT_LT(position("base"), position("mid"));
    EXPECT_LT(position("mid"), position("top"));
    EXPECT_LT(position("base"), position("other"));  // the head of the longer chain goes first
}

TEST_F(SlurmExecutorTest, NodesInTheCacheAreNotSubmitted) {
    run();
    m_client = std::make_unique<fakes::FakeSlurmClient>([this](const JobSpec& job) { return work(job); });
    auto s = run();
    EXPECT_TRUE(s.ok());
    EXPECT_EQ(s.cached, 4);
    EXPECT_TRUE(m_client->submitted.empty());
}

TEST_F(SlurmExecutorTest, AFailureWithKeepGoingSkipsOnlyItsDependents) {
    m_failing = {"mid"};
    auto s = run(/*keep_going=*/true);
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.built, 2);  // base and other
    EXPECT_EQ(s.skipped, 1);
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Skipped);
    EXPECT_EQ(s.results[node("top")].error, "dependency mid failed");
    EXPECT_EQ(s.results[node("other")].outcome, Outcome::Built);
    EXPECT_TRUE(m_client->cancelled.empty());  // Slurm cancelled top itself (kill-on-invalid-dep)
    EXPECT_NE(s.results[node("mid")].error.find("FAILED, NonZeroExitCode (exit code 1)"), std::string::npos)
        << s.results[node("mid")].error;
}

TEST_F(SlurmExecutorTest, AFailureWithoutKeepGoingCancelsExactlyTheRunsUnfinishedJobs) {
    m_failing = {"base"};
    auto s = run(/*keep_going=*/false);
    EXPECT_EQ(s.failed, 1);
    EXPECT_FALSE(s.ok());
    // Whatever had not ended when base failed was cancelled, by id, and nothing else.
    for (const auto& id : m_client->cancelled) {
        EXPECT_NE(std::find(m_client->ids.begin(), m_client->ids.end(), id), m_client->ids.end());
        EXPECT_NE(id, id_of("base"));
    }
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Skipped);
}

TEST_F(SlurmExecutorTest, AFailedJobsOutputAndStepAreReported) {
    m_failing = {"other"};
    m_client = std::make_unique<fakes::FakeSlurmClient>([this](const JobSpec& job) {
        bool ok = work(job);
        if (!ok) {
            std::ofstream(replace(job.output.string(), "%j", id_of("other")))
                << "compiler says: boom\nwasm-build: failed step: build\n";
        }
        return ok;
    });
    auto s = run(true);
    const auto& r = s.results[node("other")];
    EXPECT_EQ(r.outcome, Outcome::Failed);
    EXPECT_EQ(r.failed_step, "build");
    EXPECT_NE(r.error.find("compiler says: boom"), std::string::npos) << r.error;
    EXPECT_EQ(r.log, dir() / "logs" / (m_graph->node(node("other")).id() + "-" + id_of("other") + ".log"));
}

TEST_F(SlurmExecutorTest, WithoutASharedFileSystemAFailedJobsLogComesFromTheRemoteCache) {
    auto storage = std::make_unique<fakes::FakeRemoteStorage>();
    fakes::FakeRemoteStorage* blobs = storage.get();
    m_remote = std::make_unique<engine::RemoteCache>(std::move(storage), dir() / "tmp", [](const std::string&) {});
    m_failing = {"other"};
    m_client = std::make_unique<fakes::FakeSlurmClient>([&, this](const JobSpec& job) {
        if (job.name.find("other") == std::string::npos) return work(job);
        // The worker's output file is on its own disk; its node log went to the remote cache.
        blobs->blobs["logs/" + m_node_of.at(job.name).second + "/" + id_of("other") + ".log"] =
            "compiler says: far away\nwasm-build: step 'build' failed: exit code 2\n";
        return false;
    });
    auto s = run(true);
    const auto& r = s.results[node("other")];
    EXPECT_EQ(r.outcome, Outcome::Failed);
    EXPECT_NE(r.error.find("compiler says: far away"), std::string::npos) << r.error;
    EXPECT_EQ(r.failed_step, "build");
    EXPECT_EQ(r.log.filename(), m_graph->node(node("other")).id() + "-" + id_of("other") + ".remote.log");
}

TEST_F(SlurmExecutorTest, ACompletedJobWithoutItsBuildInTheCacheIsAFailure) {
    m_client = std::make_unique<fakes::FakeSlurmClient>([](const JobSpec&) { return true; });  // writes nothing
    auto s = run(true);
    EXPECT_EQ(s.results[node("base")].outcome, Outcome::Failed);
    EXPECT_NE(s.results[node("base")].error.find("not in the cache here"), std::string::npos);
}

TEST_F(SlurmExecutorTest, AJobGoneFromTheQueueCountsByTheCache) {
    m_client->forget_finished = true;  // no accounting and MinJobAge 0: an ended job is never seen
    m_failing = {"mid"};
    auto s = run(true);
    EXPECT_EQ(s.results[node("base")].outcome, Outcome::Built);
    EXPECT_EQ(s.results[node("other")].outcome, Outcome::Built);
    EXPECT_EQ(s.results[node("mid")].outcome, Outcome::Failed);
    const auto& mid = s.results[node("mid")];
    EXPECT_NE(mid.error.find("left Slurm's queue"), std::string::npos) << mid.error;
    EXPECT_EQ(s.results[node("top")].outcome, Outcome::Skipped);
}

TEST_F(SlurmExecutorTest, ARefusedSubmissionIsAFailureNamingSbatch) {
    m_client->refuse_submissions = true;
    auto s = run(false);
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(s.skipped, 3);
    bool named = false;
    for (const auto& r : s.results) {
        named = named || (r.failed_step == "submit" && r.error.find("sbatch") != std::string::npos);
    }
    EXPECT_TRUE(named);
}

TEST_F(SlurmExecutorTest, AnInterruptCancelsTheSubmittedJobsAndNothingElse) {
    // The interrupt flag is process-wide: run in a child process.
    auto interrupted_run = [this] {
        m_client->on_query = [](int q) {
            if (q == 1) util::interrupt_all_children();
        };
        auto s = run(true);
        std::vector<std::string> cancelled = m_client->cancelled, submitted = m_client->ids;
        std::sort(cancelled.begin(), cancelled.end());
        std::sort(submitted.begin(), submitted.end());
        bool ok = s.interrupted && !cancelled.empty() && cancelled == submitted && s.built == 0;
        std::exit(ok ? 0 : 1);
    };
    EXPECT_EXIT(interrupted_run(), ::testing::ExitedWithCode(0), "");
}

TEST(SlurmTimeLimit, ThreeTimesTheLastBuildAtLeastTenMinutes) {
    EXPECT_EQ(time_limit_minutes(1), 10);
    EXPECT_EQ(time_limit_minutes(600), 30);
    EXPECT_EQ(time_limit_minutes(3601), 181);
}

}  // namespace
}  // namespace wb::executors
