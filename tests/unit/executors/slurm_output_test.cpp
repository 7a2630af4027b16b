#include <gtest/gtest.h>

#include <algorithm>

#include "executors/slurm/slurm_output.hpp"
#include "fakes/fake_process_runner.hpp"

namespace wb::executors {
namespace {

// Trimmed from what Slurm 22.05.8's `squeue --json` printed for a failed job and its dependent.
const char* k_squeue = R"json({
  "meta": {"plugin": {"type": "openapi/v0.0.38"}},
  "errors": [],
  "jobs": [
    {"job_id": 1, "job_state": "FAILED", "state_reason": "NonZeroExitCode", "exit_code": 768,
     "submit_time": 1796479674, "start_time": 1796479675, "end_time": 1796479677, "name": "a"},
    {"job_id": 2, "job_state": "CANCELLED", "state_reason": "DependencyNeverSatisfied", "exit_code": 0,
     "submit_time": 1796479674, "start_time": 1796479678, "end_time": 1796479678, "dependency": "afterok:1(failed)"},
    {"job_id": 3, "job_state": "RUNNING", "state_reason": "None", "exit_code": 0, "submit_time": 5,
     "start_time": 6, "end_time": 0},
    {"job_id": 4, "job_state": "CANCELLED", "state_reason": "None", "exit_code": 15}
  ]
})json";

TEST(SqueueJson, ReadsStatesReasonsExitCodesAndOnlyTheJobsAskedFor) {
    auto jobs = parse_squeue_json(k_squeue, {"1", "2", "3", "4", "99"});
    ASSERT_TRUE(jobs) << jobs.error().message;
    ASSERT_EQ(jobs->size(), 4u);
    EXPECT_EQ(jobs->at("1").state, JobState::Failed);
    EXPECT_EQ(jobs->at("1").exit_code, 3);  // a wait status: 3 << 8
    EXPECT_EQ(jobs->at("1").start_time, 1796479675);
    EXPECT_EQ(jobs->at("2").state, JobState::Cancelled);
    EXPECT_EQ(jobs->at("2").reason, "DependencyNeverSatisfied");
    EXPECT_EQ(jobs->at("3").state, JobState::Running);
    EXPECT_EQ(jobs->at("4").exit_code, 128 + 15);  // killed by SIGTERM
    auto some = parse_squeue_json(k_squeue, {"2"});  // 22.05 lists every job whatever --jobs says
    ASSERT_TRUE(some);
    EXPECT_EQ(some->size(), 1u);
}

TEST(SqueueJson, RefusesWhatIsNotAJobList) {
    EXPECT_FALSE(parse_squeue_json("squeue: error: Invalid user", {"1"}));
    EXPECT_FALSE(parse_squeue_json(R"({"jobs": 3})", {"1"}));
}

TEST(Sacct, ReadsPipeSeparatedLinesAndSkipsSteps) {
    auto jobs = parse_sacct(
        "7|COMPLETED|0:0|x|x|x|None\n7.batch|COMPLETED|0:0\n8|CANCELLED by 0|0:15|||\n9|FAILED|2:0\n");
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(jobs.at("7").state, JobState::Completed);
    EXPECT_EQ(jobs.at("8").state, JobState::Cancelled);
    EXPECT_EQ(jobs.at("8").exit_code, 128 + 15);
    EXPECT_EQ(jobs.at("9").exit_code, 2);
}

TEST(SbatchId, TakesTheIdFromTheLastLine) {
    EXPECT_EQ(*parse_sbatch_id("42\n"), "42");
    EXPECT_EQ(*parse_sbatch_id("sbatch: warning: something\n43;cluster\n"), "43");
    EXPECT_FALSE(parse_sbatch_id("sbatch: error: Batch job submission failed"));
}

TEST(SbatchArgv, DependenciesKillOnInvalidDepAndOnlyNamedVariables) {
    JobSpec job;
    job.name = "wb:top@a";
    job.after_ok = {"5", "6"};
    job.partition = "build";
    job.time_limit_minutes = 12;
    job.cpus = 2;
    job.output = "/logs/top-%j.log";
    job.export_vars = {"PATH", "HOME"};
    auto argv = sbatch_argv(job);
    auto has = [&](const std::string& a) { return std::find(argv.begin(), argv.end(), a) != argv.end(); };
    EXPECT_EQ(argv[0], "sbatch");
    EXPECT_TRUE(has("--parsable"));
    EXPECT_TRUE(has("--dependency=afterok:5:6"));
    EXPECT_TRUE(has("--kill-on-invalid-dep=yes"));
    EXPECT_TRUE(has("--partition=build"));
    EXPECT_TRUE(has("--time=12"));
    EXPECT_TRUE(has("--cpus-per-task=2"));
    EXPECT_TRUE(has("--output=/logs/top-%j.log"));
    EXPECT_TRUE(has("--export=PATH,HOME"));
    EXPECT_TRUE(has("--no-requeue"));
    job.after_ok.clear();
    job.export_vars.clear();
    argv = sbatch_argv(job);
    EXPECT_FALSE(has("--kill-on-invalid-dep=yes"));
    EXPECT_TRUE(has("--export=NONE"));
}

TEST(ExecScript, QuotesEveryWord) {
    EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
    std::string script = exec_script({"/bin/wasm-build", "a b", "$(rm -rf /)"}, "node x\nkey y");
    EXPECT_EQ(script, "#!/bin/sh\n# node x\n# key y\nexec '/bin/wasm-build' 'a b' '$(rm -rf /)'\n");
}

TEST(JobState, ParsesSlurmsWords) {
    EXPECT_EQ(parse_job_state("CANCELLED by 0"), JobState::Cancelled);
    EXPECT_EQ(parse_job_state("COMPLETING"), JobState::Running);
    EXPECT_EQ(parse_job_state("OUT_OF_MEMORY"), JobState::OutOfMemory);
    EXPECT_EQ(parse_job_state("WHATEVER"), JobState::Unknown);
    EXPECT_FALSE(is_final(JobState::Unknown));
    EXPECT_TRUE(is_final(JobState::Timeout));
}

TEST(RealSlurmClient, EveryCommandGetsSlurmConfAndScancelNamesOnlyIds) {
    std::vector<util::Command> seen;
    fakes::FakeProcessRunner runner([&](const util::Command& c) -> util::Expected<util::ProcessResult> {
        seen.push_back(c);
        if (c.argv[0] == "sbatch") return fakes::process_result(0, "77\n");
        if (c.argv[0] == "squeue") return fakes::process_result(0, k_squeue);
        return fakes::process_result(0);
    });
    RealSlurmClient client(runner, {{"PATH", "/usr/bin"}}, "/etc/test/slurm.conf");
    JobSpec job;
    job.name = "wb:x@a";
    job.script = "#!/bin/sh\nexec true\n";
    EXPECT_EQ(*client.submit(job), "77");
    ASSERT_TRUE(client.query({"1", "2"}));
    ASSERT_TRUE(client.cancel({"1", "2"}));
    ASSERT_EQ(seen.size(), 3u);
    for (const auto& c : seen) {
        ASSERT_TRUE(c.env);
        EXPECT_EQ(c.env->at("SLURM_CONF"), "/etc/test/slurm.conf") << c.argv[0];
    }
    EXPECT_EQ(seen[0].input, job.script);  // the script goes on stdin
    EXPECT_TRUE(seen[0].cleanup);           // sbatch finishes even when interrupted: its id must be known
    EXPECT_EQ(seen[2].argv, (std::vector<std::string>{"scancel", "1", "2"}));
    EXPECT_TRUE(seen[2].cleanup);
}

TEST(SlurmConf, NeverLeftToDns) {
    EXPECT_EQ(*find_slurm_conf({{"SLURM_CONF", "/x/slurm.conf"}}), "/x/slurm.conf");
}

}  // namespace
}  // namespace wb::executors
