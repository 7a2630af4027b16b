#include "executors/slurm/slurm_executor.hpp"

#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "executors/slurm/slurm_output.hpp"
#include "util/subprocess.hpp"

namespace wb::executors {
namespace fs = std::filesystem;
using engine::BuildResult;
using engine::Outcome;
using engine::RunSummary;

namespace {

/// Dependencies first, and among the ready ones the longest remaining chain first: the order in
/// which Slurm's FIFO scheduler will see the jobs.
std::vector<size_t> submission_order(const graph::BuildGraph& graph, const std::vector<double>& weights) {
    graph::Plan plan(graph, weights);
    std::vector<size_t> order;
    while (auto i = plan.take_ready()) {
        order.push_back(*i);
        plan.finished(*i, true);
    }
    return order;
}

std::string replace_job_id(std::string text, const std::string& id) {
    for (size_t at = text.find("%j"); at != std::string::npos; at = text.find("%j", at + id.size())) {
        text.replace(at, 2, id);
    }
    return text;
}

}  // namespace

int time_limit_minutes(double expected_seconds) {
    return std::max(10, static_cast<int>(std::ceil(3 * expected_seconds / 60)));
}

util::Expected<RunSummary> SlurmExecutor::run(const engine::KeyContext& key_context, const SlurmRunOptions& options) {
    m_options = options;
    m_start = std::chrono::steady_clock::now();
    auto keys = engine::compute_keys(m_graph, key_context);
    if (!keys) return tl::unexpected(keys.error());
    m_inputs = std::move(*keys);
    m_forecast = engine::forecast(m_graph, m_cache, m_inputs);
    size_t n = m_graph.size();
    RunSummary summary;
    summary.results.resize(n);
    m_job_of.assign(n, "");
    m_settled.assign(n, false);
    m_tracked.clear();
    m_jobs.clear();
    m_stopped = false;
    std::error_code ec;
    fs::create_directories(m_options.log_dir, ec);
    m_status.run_started(n);
    submit_all(summary);
    follow(summary);
    for (size_t i = 0; i < n; ++i) {
        if (m_settled[i]) continue;
        std::string why = summary.interrupted ? "interrupted" : "the run stopped after a failure";
        if (auto dep = failed_dependency(i, summary); !dep.empty()) why = "dependency " + dep + " failed";
        settle(i, node_result(i, Outcome::Skipped, why), summary);
    }
    summary.interrupted = summary.interrupted || util::interrupted();
    write_report();
    engine::tally(summary);
    return summary;
}

BuildResult SlurmExecutor::node_result(size_t i, Outcome outcome, const std::string& error) const {
    const auto& node = m_graph.node(i);
    BuildResult r;
    r.name = node.recipe->name;
    r.version = node.recipe->version;
    r.type = recipe::build_type_name(node.recipe->type);
    r.variant = node.variant();
    r.key = m_inputs[i].key();
    r.inputs = m_inputs[i];
    r.reasons = m_forecast.reasons[i];
    r.outcome = outcome;
    r.error = error;
    return r;
}

std::string SlurmExecutor::failed_dependency(size_t i, const RunSummary& summary) const {
    std::string skipped;
    for (size_t d : m_graph.transitive_host_deps(i)) {
        if (!m_settled[d]) continue;
        if (summary.results[d].outcome == Outcome::Failed) return summary.results[d].name;
        if (summary.results[d].outcome == Outcome::Skipped && skipped.empty()) skipped = summary.results[d].name;
    }
    return skipped;
}

void SlurmExecutor::settle(size_t i, BuildResult r, RunSummary& summary) {
    summary.results[i] = std::move(r);
    m_settled[i] = true;
    m_status.build_finished(summary.results[i]);
}

bool SlurmExecutor::submit_all(RunSummary& summary) {
    for (size_t i : submission_order(m_graph, m_forecast.weights)) {
        if (util::interrupted()) {
            summary.interrupted = true;
            return false;
        }
        if (m_stopped) return false;
        const auto& node = m_graph.node(i);
        std::string key = m_inputs[i].key();
        if (auto dep = failed_dependency(i, summary); !dep.empty()) {
            settle(i, node_result(i, Outcome::Skipped, "dependency " + dep + " failed"), summary);
            continue;
        }
        std::string problem;
        if (auto cached = m_cache.lookup(node.recipe->name, key, &problem)) {
            settle(i, std::move(*cached), summary);
            continue;
        }
        if (!problem.empty()) {
            m_forecast.reasons[i] = {"the cached build failed verification: " + problem};
            m_status.message(fmt::format("warning: {}: {}; building it again", node.id(), problem));
        }
        JobSpec job;
        job.name = "wb:" + node.id();
        job.script = exec_script(m_command(node, key), fmt::format("wasm-build: {} {}, key {}", node.id(),
                                                                    node.recipe->version, key));
        for (size_t d : m_graph.transitive_host_deps(i)) {
            if (!m_job_of[d].empty()) job.after_ok.push_back(m_job_of[d]);
        }
        job.partition = m_options.partition;
        job.time_limit_minutes = time_limit_minutes(m_forecast.weights[i]);
        job.cpus = m_options.cpus_per_job;
        job.output = m_options.log_dir / (node.id() + "-%j.log");
        job.workdir = m_options.log_dir;
        job.export_vars = m_options.export_vars;
        auto id = m_client.submit(job);
        if (!id) {
            // sbatch refuses a job whose dependency has already failed: that is a skip, not a failure.
            auto deps = m_client.query(job.after_ok);
            bool dep_failed = false;
            if (deps) {
                for (const auto& [dep_id, s] : *deps) {
                    dep_failed = dep_failed || (is_final(s.state) && s.state != JobState::Completed);
                }
            }
            if (dep_failed) {
                settle(i, node_result(i, Outcome::Skipped, "a dependency's job failed"), summary);
                continue;
            }
            BuildResult r = node_result(i, Outcome::Failed, id.error().message);
            r.failed_step = "submit";
            settle(i, std::move(r), summary);
            if (!m_options.keep_going) {
                stop_all(summary, "the run stopped after a failure");
                return false;
            }
            continue;
        }
        m_job_of[i] = *id;
        m_tracked.push_back({i, *id, replace_job_id(job.output.string(), *id)});
        double at = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        m_jobs.push_back({node.id(), *id, JobState::Pending, at});
        if (m_options.verbose) m_status.message(fmt::format("Submitted {} as Slurm job {}", node.id(), *id));
    }
    return true;
}

}  // namespace wb::executors
