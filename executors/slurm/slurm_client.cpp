#include "executors/slurm/slurm_client.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "executors/slurm/slurm_output.hpp"
#include "util/strings.hpp"

namespace wb::executors {
namespace fs = std::filesystem;

const char* job_state_name(JobState state) {
    switch (state) {
        case JobState::Pending: return "PENDING";
        case JobState::Running: return "RUNNING";
        case JobState::Completed: return "COMPLETED";
        case JobState::Failed: return "FAILED";
        case JobState::Cancelled: return "CANCELLED";
        case JobState::Timeout: return "TIMEOUT";
        case JobState::OutOfMemory: return "OUT_OF_MEMORY";
        case JobState::NodeFail: return "NODE_FAIL";
        case JobState::Unknown: return "UNKNOWN";
    }
    return "?";
}

JobState parse_job_state(std::string_view text) {
    std::string_view word = util::trim(text);
    word = word.substr(0, word.find(' '));  // "CANCELLED by 0"
    if (word == "PENDING" || word == "REQUEUED" || word == "CONFIGURING" || word == "SUSPENDED") {
        return JobState::Pending;
    }
    if (word == "RUNNING" || word == "COMPLETING" || word == "STAGE_OUT") return JobState::Running;
    if (word == "COMPLETED") return JobState::Completed;
    if (word == "FAILED" || word == "BOOT_FAIL" || word == "DEADLINE" || word == "PREEMPTED") return JobState::Failed;
    if (word == "CANCELLED" || word == "REVOKED") return JobState::Cancelled;
    if (word == "TIMEOUT") return JobState::Timeout;
    if (word == "OUT_OF_MEMORY") return JobState::OutOfMemory;
    if (word == "NODE_FAIL") return JobState::NodeFail;
    return JobState::Unknown;
}

bool is_final(JobState state) {
    return state != JobState::Pending && state != JobState::Running && state != JobState::Unknown;
}

util::Expected<fs::path> find_slurm_conf(const util::Environment& env) {
    if (auto conf = util::env_or(env, "SLURM_CONF"); !conf.empty()) return fs::absolute(conf);
    std::error_code ec;
    if (fs::exists("/etc/slurm/slurm.conf", ec)) return fs::path("/etc/slurm/slurm.conf");
    return util::fail(util::ErrorKind::Usage, "no Slurm configuration: set SLURM_CONF (without one, Slurm's clients "
                                              "ask DNS for the controller)");
}

RealSlurmClient::RealSlurmClient(util::ProcessRunner& runner, util::Environment env, fs::path slurm_conf)
    : m_runner(runner), m_env(std::move(env)) {
    m_env["SLURM_CONF"] = slurm_conf.string();
}

util::Expected<util::ProcessResult> RealSlurmClient::run(std::vector<std::string> argv, std::string input,
                                                         bool cleanup) {
    util::Command cmd;
    cmd.argv = std::move(argv);
    cmd.env = m_env;
    cmd.input = std::move(input);
    cmd.timeout = std::chrono::seconds(60);
    cmd.cleanup = cleanup;
    auto r = m_runner.run(cmd);
    if (!r) return r;
    if (r->interrupted) return util::fail(util::ErrorKind::Interrupted, cmd.argv[0] + ": interrupted");
    if (!r->ok()) {
        return util::fail(util::ErrorKind::Io, fmt::format("{} failed (exit code {}{}): {}", cmd.argv[0], r->exit_code,
                                                           r->timed_out ? ", timed out" : "", util::trim(r->output)));
    }
    return r;
}

util::Expected<std::string> RealSlurmClient::submit(const JobSpec& job) {
    // sbatch runs to its end even when the run is interrupted meanwhile: its job id must be known to
    // be cancelled.
    auto r = run(sbatch_argv(job), job.script, /*cleanup=*/true);
    if (!r) return tl::unexpected(r.error());
    return parse_sbatch_id(r->output);
}

util::Expected<std::map<std::string, JobStatus>> RealSlurmClient::query(const std::vector<std::string>& ids) {
    if (ids.empty()) return std::map<std::string, JobStatus>{};
    auto r = run({"squeue", "--json", "--jobs=" + util::join(ids, ",")});
    if (!r) return tl::unexpected(r.error());
    auto found = parse_squeue_json(r->output, ids);
    if (!found) return found;
    std::vector<std::string> gone;
    for (const auto& id : ids) {
        if (!found->count(id)) gone.push_back(id);
    }
    if (gone.empty()) return found;
    // Jobs leave squeue MinJobAge seconds after they end; accounting (when the site has it) still knows.
    auto acct = run({"sacct", "-X", "-n", "-P", "-o", "JobIDRaw,State,ExitCode,Submit,Start,End,Reason", "-j",
                     util::join(gone, ",")});
    if (acct) {
        for (auto& [id, status] : parse_sacct(acct->output)) {
            if (std::find(gone.begin(), gone.end(), id) != gone.end()) (*found)[id] = status;
        }
    }
    return found;
}

util::Expected<void> RealSlurmClient::cancel(const std::vector<std::string>& ids) {
    if (ids.empty()) return {};
    std::vector<std::string> argv{"scancel"};
    argv.insert(argv.end(), ids.begin(), ids.end());
    auto r = run(argv, {}, /*cleanup=*/true);
    if (!r) return tl::unexpected(r.error());
    return {};
}

}  // namespace wb::executors
