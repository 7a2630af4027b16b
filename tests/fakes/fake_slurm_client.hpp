#pragma once
// A SlurmClient for executor tests: a tiny cluster in memory. Every query() is one scheduling step:
// pending jobs whose dependencies completed start, running jobs end (through a callback that plays
// the worker: it writes the build into the cache, or fails), and jobs waiting on a failed job are
// cancelled with DependencyNeverSatisfied, as --kill-on-invalid-dep=yes makes Slurm do. It records
// what was submitted and cancelled.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "executors/slurm/slurm_client.hpp"

namespace wb::fakes {

class FakeSlurmClient final : public executors::SlurmClient {
public:
    /// Plays the worker for a job that ends: true when it succeeded.
    using Worker = std::function<bool(const executors::JobSpec& job)>;
    explicit FakeSlurmClient(Worker worker) : m_worker(std::move(worker)) {}

    util::Expected<std::string> submit(const executors::JobSpec& job) override {
        if (refuse_submissions) return util::fail(util::ErrorKind::Io, "sbatch failed (exit code 1): refused");
        std::string id = std::to_string(100 + submitted.size());
        submitted.push_back(job);
        ids.push_back(id);
        m_status[id].state = executors::JobState::Pending;
        return id;
    }

    util::Expected<std::map<std::string, executors::JobStatus>> query(const std::vector<std::string>& wanted) override {
        ++queries;
        if (on_query) on_query(queries);
        step();
        std::map<std::string, executors::JobStatus> out;
        for (const auto& id : wanted) {
            if (!m_status.count(id) || forgotten.count(id)) continue;
            if (forget_finished && executors::is_final(m_status[id].state)) continue;
            out[id] = m_status[id];
        }
        return out;
    }

    util::Expected<void> cancel(const std::vector<std::string>& which) override {
        cancelled.insert(cancelled.end(), which.begin(), which.end());
        for (const auto& id : which) {
            if (!executors::is_final(m_status[id].state)) m_status[id].state = executors::JobState::Cancelled;
        }
        return {};
    }

    std::vector<executors::JobSpec> submitted;
    std::vector<std::string> ids;        ///< in submission order
    std::vector<std::string> cancelled;  ///< every id given to cancel()
    std::set<std::string> forgotten;     ///< ids the queue no longer lists (past MinJobAge)
    bool forget_finished = false;        ///< jobs leave the queue the moment they end
    bool refuse_submissions = false;
    int queries = 0;
    std::function<void(int query)> on_query;  ///< called at the start of each query

    const executors::JobSpec& job(const std::string& id) const { return submitted.at(std::stoi(id) - 100); }

private:
    void step() {
        using executors::JobState;
        std::map<std::string, executors::JobStatus> next = m_status;
        for (size_t n = 0; n < submitted.size(); ++n) {
            const std::string& id = ids[n];
            auto& s = next[id];
            if (s.state == JobState::Running) {
                bool ok = m_worker(submitted[n]);
                s.state = ok ? JobState::Completed : JobState::Failed;
                s.reason = ok ? "None" : "NonZeroExitCode";
                s.exit_code = ok ? 0 : 1;
                s.start_time = 1000;
                s.end_time = 1003;
            } else if (s.state == JobState::Pending) {
                bool ready = true, doomed = false;
                for (const auto& dep : submitted[n].after_ok) {
                    auto d = m_status[dep].state;
                    ready = ready && d == JobState::Completed;
                    doomed = doomed || (executors::is_final(d) && d != JobState::Completed);
                }
                if (doomed) {
                    s.state = JobState::Cancelled;
                    s.reason = "DependencyNeverSatisfied";
                } else if (ready) {
                    s.state = JobState::Running;
                }
            }
        }
        m_status = next;
    }
    Worker m_worker;
    std::map<std::string, executors::JobStatus> m_status;
};

}  // namespace wb::fakes
