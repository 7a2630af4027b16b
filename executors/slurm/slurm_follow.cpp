// SlurmExecutor, after submission: following the jobs to their end, turning each end into the
// node's result, stopping (scancel, by id) on a failure without keep-going or on an interrupt.
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/log_tail.hpp"
#include "executors/slurm/slurm_executor.hpp"
#include "util/atomic_file.hpp"
#include "util/subprocess.hpp"

namespace wb::executors {
namespace fs = std::filesystem;
using engine::BuildResult;
using engine::Outcome;
using engine::RunSummary;

namespace {

/// Sleeps for d, waking early on an interrupt.
void nap(std::chrono::milliseconds d) {
    auto until = std::chrono::steady_clock::now() + d;
    while (!util::interrupted() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::min(d, std::chrono::milliseconds(50)));
    }
}

/// The step a worker named when it failed ("wasm-build: failed step: build" in the job's output, or
/// "wasm-build: step 'build' failed" in the node's log), else "slurm".
std::string failed_step_in(const std::string& output) {
    constexpr std::string_view k_marker = "wasm-build: failed step: ";
    if (auto at = output.rfind(k_marker); at != std::string::npos) {
        auto end = output.find('\n', at);
        size_t from = at + k_marker.size();
        return output.substr(from, end == std::string::npos ? std::string::npos : end - from);
    }
    constexpr std::string_view k_log_marker = "wasm-build: step '";
    if (auto at = output.rfind(k_log_marker); at != std::string::npos) {
        auto end = output.find('\'', at + k_log_marker.size());
        if (end != std::string::npos) return output.substr(at + k_log_marker.size(), end - at - k_log_marker.size());
    }
    return "slurm";
}

constexpr auto k_lost_after = std::chrono::seconds(120);

}  // namespace

void SlurmExecutor::follow(RunSummary& summary) {
    auto last_answer = std::chrono::steady_clock::now();
    bool warned = false;
    for (;;) {
        std::vector<std::string> ids;
        for (const auto& t : m_tracked) {
            if (!t.settled) ids.push_back(t.id);
        }
        if (ids.empty()) return;
        if (util::interrupted()) {
            summary.interrupted = true;
            stop_all(summary, "interrupted");
            return;
        }
        nap(m_options.poll);
        if (util::interrupted()) continue;
        auto states = m_client.query(ids);
        if (!states) {
            if (std::chrono::steady_clock::now() - last_answer > k_lost_after) {
                stop_all(summary, "lost track of the Slurm jobs: " + states.error().message);
                return;
            }
            if (!warned) m_status.message("warning: " + states.error().message + "; asking again");
            warned = true;
            continue;
        }
        last_answer = std::chrono::steady_clock::now();
        warned = false;
        for (auto& t : m_tracked) {
            if (t.settled) continue;
            auto it = states->find(t.id);
            JobStatus s;
            if (it == states->end()) {
                // Past MinJobAge and no accounting: the cache and the dependencies tell what became of it.
                if (m_cache.has(m_graph.node(t.node).recipe->name, m_inputs[t.node].key())) {
                    s.state = JobState::Completed;
                } else if (!failed_dependency(t.node, summary).empty()) {
                    s.state = JobState::Cancelled;
                    s.reason = "Dependency (the job left Slurm's queue)";
                } else {
                    s.state = JobState::Failed;
                    s.reason = "the job left Slurm's queue without a build";
                }
            } else {
                s = it->second;
            }
            auto& record = m_jobs[&t - m_tracked.data()];
            record.state = s.state;
            record.slurm_submit = s.submit_time;
            record.slurm_start = s.start_time;
            record.slurm_end = s.end_time;
            if (s.state == JobState::Running && !t.reported_start) {
                t.reported_start = true;
                BuildResult probe = node_result(t.node, Outcome::Skipped, "");
                m_status.build_started(engine::node_label(probe), probe.reasons);
            }
            if (is_final(s.state)) settle_job(t, s, summary);
            if (m_stopped) return;
        }
    }
}

void SlurmExecutor::settle_job(Tracked& t, const JobStatus& status, RunSummary& summary) {
    t.settled = true;
    size_t i = t.node;
    const auto& node = m_graph.node(i);
    auto& record = m_jobs[&t - m_tracked.data()];
    if (status.state == JobState::Completed) {
        if (auto built = m_cache.lookup(node.recipe->name, m_inputs[i].key())) {
            built->outcome = Outcome::Built;
            built->reasons = m_forecast.reasons[i];
            built->seconds = status.end_time > status.start_time ? double(status.end_time - status.start_time)
                                                                 : built->build_seconds;
            record.build_seconds = built->build_seconds;
            settle(i, std::move(*built), summary);
            return;
        }
        BuildResult r = node_result(i, Outcome::Failed,
                                    fmt::format("Slurm job {} completed, but its build is not in the cache here: do "
                                                "the workers share this cache directory or a remote cache (--cache "
                                                "URL)?", t.id));
        r.failed_step = "fetch";
        r.log = t.output;
        settle(i, std::move(r), summary);
    } else if (status.state == JobState::Cancelled && status.reason.find("Dependency") != std::string::npos) {
        std::string dep = failed_dependency(i, summary);
        std::string why = dep.empty() ? "a dependency failed" : "dependency " + dep + " failed";
        settle(i, node_result(i, Outcome::Skipped, why), summary);
        return;
    } else {
        settle(i, failed_job(t, status), summary);
    }
    if (!m_options.keep_going) stop_all(summary, "the run stopped after a failure");
}

BuildResult SlurmExecutor::failed_job(const Tracked& t, const JobStatus& status) const {
    std::error_code ec;
    fs::path output_file = t.output;
    bool readable = fs::exists(output_file, ec);
    if (!readable && m_cache.remote()) {  // no shared file system: the worker published its node's log
        fs::path copy = m_options.log_dir / (m_graph.node(t.node).id() + "-" + t.id + ".remote.log");
        if (m_cache.remote()->fetch_log(m_inputs[t.node].key(), t.id, copy)) {
            output_file = copy;
            readable = true;
        }
    }
    std::string output = engine::last_lines(output_file, 25);
    BuildResult r = node_result(t.node, Outcome::Failed, "");
    r.failed_step = failed_step_in(output);
    r.log = output_file;
    std::string reason = status.reason.empty() || status.reason == "None" ? "" : ", " + status.reason;
    r.error = fmt::format("Slurm job {} {}{} (exit code {})\n{}", t.id, job_state_name(status.state), reason,
                          status.exit_code,
                          readable ? output
                                   : fmt::format("(its output {} is not readable here: the job's log directory "
                                                 "must be on a file system this machine shares)", t.output.string()));
    return r;
}

void SlurmExecutor::stop_all(RunSummary& summary, const std::string& why) {
    m_stopped = true;
    std::vector<std::string> ids;
    for (const auto& t : m_tracked) {
        if (!t.settled) ids.push_back(t.id);
    }
    if (!ids.empty()) {
        if (auto c = m_client.cancel(ids); !c) {
            m_status.message(fmt::format("warning: could not cancel Slurm jobs {}: {}", fmt::join(ids, " "),
                                         c.error().message));
        } else {
            m_status.message(fmt::format("Cancelled {} Slurm job{} ({}): {}", ids.size(), ids.size() == 1 ? "" : "s",
                                         fmt::join(ids, " "), why));
        }
    }
    for (auto& t : m_tracked) {
        if (t.settled) continue;
        t.settled = true;
        m_jobs[&t - m_tracked.data()].state = JobState::Cancelled;
        settle(t.node, node_result(t.node, Outcome::Skipped, why), summary);
    }
}

void SlurmExecutor::write_report() const {
    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& j : m_jobs) {
        jobs.push_back({{"node", j.node}, {"job_id", j.job_id}, {"state", job_state_name(j.state)},
                        {"submitted_at", j.submitted_at}, {"slurm_submit", j.slurm_submit},
                        {"slurm_start", j.slurm_start}, {"slurm_end", j.slurm_end},
                        {"build_seconds", j.build_seconds}});
    }
    if (auto w = util::write_file_atomic(m_options.log_dir / "jobs.json", jobs.dump(2) + "\n"); !w) {
        m_status.message("warning: " + w.error().message);
    }
}

}  // namespace wb::executors
