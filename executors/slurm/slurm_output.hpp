#pragma once
// Reading what Slurm's clients print (pure functions, tested on captured output): `sbatch
// --parsable`, `squeue --json` (22.05 lists every job with --json whatever --jobs says, so the
// answer is filtered here) and `sacct -X -n -P -o JobIDRaw,State,ExitCode,Submit,Start,End,Reason`.
// And writing what sbatch reads: its command line and a shell script with quoted words.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "executors/slurm/slurm_client.hpp"

namespace wb::executors {

/// The job id from `sbatch --parsable` ("123" or "123;cluster").
util::Expected<std::string> parse_sbatch_id(std::string_view text);

/// The jobs of `squeue --json` whose ids are in ids.
util::Expected<std::map<std::string, JobStatus>> parse_squeue_json(std::string_view text,
                                                                   const std::vector<std::string>& ids);

/// The jobs of sacct's pipe-separated lines.
std::map<std::string, JobStatus> parse_sacct(std::string_view text);

/// sbatch's arguments for a job whose script comes on stdin.
std::vector<std::string> sbatch_argv(const JobSpec& job);

/// A word for /bin/sh: 'single-quoted', with ' written as '\''.
std::string shell_quote(std::string_view word);

/// "#!/bin/sh\nexec 'a' 'b' …\n": a batch script that runs argv (and nothing else).
std::string exec_script(const std::vector<std::string>& argv, const std::string& comment);

}  // namespace wb::executors
