#pragma once
// Runs a build graph as Slurm batch jobs: the same keys and cache as a local build (engine::
// compute_keys, engine::BuildCache), but each node that is not in the cache becomes one job running
// `wasm-build run-node …` on some worker, ordered by Slurm itself through afterok dependencies on
// the jobs of its host dependencies (a failure cancels its dependents: --kill-on-invalid-dep).
// Jobs are submitted longest chain first with the node's last build time as their time hint. The
// executor then follows them (squeue/sacct), prints the same status lines as a local build, takes
// each finished node from the cache (local, else remote), reads the output of failed jobs, stops
// at the first failure unless keep_going, and on an interrupt cancels exactly the jobs it submitted.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/executor.hpp"
#include "executors/slurm/slurm_client.hpp"

namespace wb::executors {

struct SlurmRunOptions {
    bool keep_going = false;
    bool verbose = false;
    std::string partition;                 ///< empty: the cluster's default
    int cpus_per_job = 1;                  ///< --cpus-per-task (the node's own make -j)
    std::chrono::milliseconds poll{1000};  ///< how often squeue is asked
    std::filesystem::path log_dir;         ///< job output files; must be readable here (a shared file system)
    std::vector<std::string> export_vars;  ///< variables jobs get from the submitter's environment
};

/// The command a job runs to build one node (the CLI makes it: wasm-build run-node …).
using WorkerCommand = std::function<std::vector<std::string>(const graph::Node& node, const std::string& key)>;

/// One submitted job, for the report (jobs.json) and benchmarks.
struct JobRecord {
    std::string node;  ///< the node's id, name@variant
    std::string job_id;
    JobState state = JobState::Unknown;
    double submitted_at = 0;  ///< seconds since the run started (this machine's clock)
    int64_t slurm_submit = 0, slurm_start = 0, slurm_end = 0;  ///< Slurm's times (Unix seconds)
    double build_seconds = 0;  ///< the build's own time, from its record (0: no record)
};

/// A time limit from a node's expected duration: three times it, at least 10 minutes.
int time_limit_minutes(double expected_seconds);

class SlurmExecutor {
public:
    SlurmExecutor(const graph::BuildGraph& graph, const engine::BuildCache& cache, SlurmClient& client,
                  engine::Status& status, WorkerCommand command)
        : m_graph(graph), m_cache(cache), m_client(client), m_status(status), m_command(std::move(command)) {}

    util::Expected<engine::RunSummary> run(const engine::KeyContext& keys, const SlurmRunOptions& options);
    const std::vector<JobRecord>& jobs() const { return m_jobs; }

private:
    struct Tracked {
        size_t node = 0;
        std::string id;
        std::filesystem::path output;
        bool reported_start = false;
        bool settled = false;
    };
    /// Submits (or takes from the cache) every node, dependencies first; false when it had to stop.
    bool submit_all(engine::RunSummary& summary);
    /// Follows the jobs until all are settled (or the run stops).
    void follow(engine::RunSummary& summary);
    void settle_job(Tracked& t, const JobStatus& status, engine::RunSummary& summary);
    engine::BuildResult failed_job(const Tracked& t, const JobStatus& status) const;
    engine::BuildResult node_result(size_t i, engine::Outcome outcome, const std::string& error) const;
    std::string failed_dependency(size_t i, const engine::RunSummary& summary) const;
    void settle(size_t i, engine::BuildResult r, engine::RunSummary& summary);
    void stop_all(engine::RunSummary& summary, const std::string& why);
    void write_report() const;

    const graph::BuildGraph& m_graph;
    const engine::BuildCache& m_cache;
    SlurmClient& m_client;
    engine::Status& m_status;
    WorkerCommand m_command;
    SlurmRunOptions m_options;
    std::vector<engine::KeyInputs> m_inputs;
    engine::NodeForecast m_forecast;
    std::vector<Tracked> m_tracked;
    std::vector<std::string> m_job_of;  ///< per node: its job id, empty when not submitted
    std::vector<bool> m_settled;
    std::vector<JobRecord> m_jobs;
    std::chrono::steady_clock::time_point m_start;
    bool m_stopped = false;
};

}  // namespace wb::executors
