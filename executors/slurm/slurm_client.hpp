#pragma once
// The seam between the Slurm executor and the cluster: submit one batch job, ask for the states of
// some jobs, cancel some jobs — by id, never by name or user. RealSlurmClient runs Slurm's own
// clients (sbatch, squeue --json, sacct, scancel) with SLURM_CONF always set: without it they look
// the controller up in DNS. Tests use a fake (tests/fakes/fake_slurm_client.hpp).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::executors {

/// One batch job.
struct JobSpec {
    std::string name;                      ///< --job-name
    std::string script;                    ///< the batch script, given to sbatch on stdin
    std::vector<std::string> after_ok;     ///< ids of jobs it waits for (--dependency=afterok:…)
    std::string partition;                 ///< empty: the cluster's default partition
    int time_limit_minutes = 0;            ///< --time; 0: the partition's default
    int cpus = 1;                          ///< --cpus-per-task
    std::filesystem::path output;          ///< --output (%j is the job id)
    std::filesystem::path workdir;         ///< --chdir
    std::vector<std::string> export_vars;  ///< --export: names of variables the job gets from sbatch's environment
};

enum class JobState { Pending, Running, Completed, Failed, Cancelled, Timeout, OutOfMemory, NodeFail, Unknown };
const char* job_state_name(JobState state);
/// "COMPLETED", "CANCELLED by 0", "OUT_OF_MEMORY", … (anything else: Unknown).
JobState parse_job_state(std::string_view text);
/// True for states a job never leaves.
bool is_final(JobState state);

struct JobStatus {
    JobState state = JobState::Unknown;
    std::string reason;     ///< Slurm's state reason ("DependencyNeverSatisfied", "NonZeroExitCode", …)
    int exit_code = 0;      ///< the batch script's exit status (128+N when killed by signal N)
    int64_t submit_time = 0, start_time = 0, end_time = 0;  ///< Unix seconds (0: not yet)
};

class SlurmClient {
public:
    virtual ~SlurmClient() = default;
    /// Submits a job; its id.
    virtual util::Expected<std::string> submit(const JobSpec& job) = 0;
    /// The states of these jobs; a job Slurm no longer knows of is absent from the answer.
    virtual util::Expected<std::map<std::string, JobStatus>> query(const std::vector<std::string>& ids) = 0;
    /// Cancels exactly these jobs; runs even after an interrupt (it is the clean-up).
    virtual util::Expected<void> cancel(const std::vector<std::string>& ids) = 0;
};

class RealSlurmClient final : public SlurmClient {
public:
    /// env: the submitter's environment (sbatch exports the job's variables from it).
    RealSlurmClient(util::ProcessRunner& runner, util::Environment env, std::filesystem::path slurm_conf);
    util::Expected<std::string> submit(const JobSpec& job) override;
    util::Expected<std::map<std::string, JobStatus>> query(const std::vector<std::string>& ids) override;
    util::Expected<void> cancel(const std::vector<std::string>& ids) override;

private:
    util::Expected<util::ProcessResult> run(std::vector<std::string> argv, std::string input = {},
                                            bool cleanup = false);
    util::ProcessRunner& m_runner;
    util::Environment m_env;
};

/// The configuration every Slurm client call uses: SLURM_CONF from env, else /etc/slurm/slurm.conf
/// when it exists; else a Usage error (never a DNS lookup).
util::Expected<std::filesystem::path> find_slurm_conf(const util::Environment& env);

}  // namespace wb::executors
