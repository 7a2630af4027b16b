#include "executors/slurm/slurm_output.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace wb::executors {

namespace {

/// Slurm reports a batch script's end as a wait(2) status: exit code << 8, or the signal.
int decode_wait_status(int64_t status) {
    if ((status & 0x7f) != 0) return 128 + static_cast<int>(status & 0x7f);
    return static_cast<int>((status >> 8) & 0xff);
}

/// sacct's "2:0" (exit code : signal).
int decode_exit_pair(std::string_view text) {
    auto colon = text.find(':');
    int code = std::atoi(std::string(text.substr(0, colon)).c_str());
    int signal = colon == std::string_view::npos ? 0 : std::atoi(std::string(text.substr(colon + 1)).c_str());
    return signal != 0 ? 128 + signal : code;
}

int64_t number_or_zero(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_number()) return 0;
    return it->get<int64_t>();
}

}  // namespace

util::Expected<std::string> parse_sbatch_id(std::string_view text) {
    std::string_view line = util::trim(text);
    if (auto nl = line.rfind('\n'); nl != std::string_view::npos) line = line.substr(nl + 1);  // warnings come first
    line = line.substr(0, line.find(';'));
    bool digits = !line.empty() && std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        return util::fail(util::ErrorKind::Io, fmt::format("sbatch printed no job id: '{}'", util::trim(text)));
    }
    return std::string(line);
}

util::Expected<std::map<std::string, JobStatus>> parse_squeue_json(std::string_view text,
                                                                   const std::vector<std::string>& ids) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("jobs") || !j["jobs"].is_array()) {
        return util::fail(util::ErrorKind::Io, "squeue --json printed no job list");
    }
    std::set<std::string> wanted(ids.begin(), ids.end());
    std::map<std::string, JobStatus> out;
    for (const auto& job : j["jobs"]) {
        if (!job.is_object() || !job.contains("job_id") || !job["job_id"].is_number()) continue;
        std::string id = std::to_string(job["job_id"].get<int64_t>());
        if (!wanted.count(id)) continue;
        JobStatus s;
        s.state = parse_job_state(job.value("job_state", ""));
        s.reason = job.value("state_reason", "");
        s.exit_code = decode_wait_status(number_or_zero(job, "exit_code"));
        s.submit_time = number_or_zero(job, "submit_time");
        s.start_time = number_or_zero(job, "start_time");
        s.end_time = number_or_zero(job, "end_time");
        out[id] = s;
    }
    return out;
}

std::map<std::string, JobStatus> parse_sacct(std::string_view text) {
    std::map<std::string, JobStatus> out;
    for (const auto& line : util::split(std::string(text), '\n')) {
        auto fields = util::split(line, '|');
        if (fields.size() < 3 || fields[0].empty() || fields[0].find('.') != std::string::npos) continue;
        JobStatus s;
        s.state = parse_job_state(fields[1]);
        s.exit_code = decode_exit_pair(fields[2]);
        if (fields.size() > 6) s.reason = fields[6];
        out[fields[0]] = s;
    }
    return out;
}

std::vector<std::string> sbatch_argv(const JobSpec& job) {
    std::vector<std::string> argv{"sbatch", "--parsable", "--job-name=" + job.name, "--no-requeue",
                                  "--nodes=1", "--ntasks=1", fmt::format("--cpus-per-task={}", std::max(1, job.cpus))};
    if (!job.partition.empty()) argv.push_back("--partition=" + job.partition);
    if (job.time_limit_minutes > 0) argv.push_back(fmt::format("--time={}", job.time_limit_minutes));
    if (!job.output.empty()) argv.push_back("--output=" + job.output.string());
    if (!job.workdir.empty()) argv.push_back("--chdir=" + job.workdir.string());
    // Only the named variables reach the job (the controller keeps a job's environment in its state).
    argv.push_back("--export=" + (job.export_vars.empty() ? std::string("NONE") : util::join(job.export_vars, ",")));
    if (!job.after_ok.empty()) {
        argv.push_back("--dependency=afterok:" + util::join(job.after_ok, ":"));
        // A failed dependency cancels the job (and, in turn, its dependents) instead of leaving it pending.
        argv.push_back("--kill-on-invalid-dep=yes");
    }
    return argv;
}

std::string shell_quote(std::string_view word) {
    std::string out = "'";
    for (char c : word) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string exec_script(const std::vector<std::string>& argv, const std::string& comment) {
    std::string out = "#!/bin/sh\n";
    for (const auto& line : util::split(comment, '\n')) out += "# " + line + "\n";
    out += "exec";
    for (const auto& a : argv) out += " " + shell_quote(a);
    return out + "\n";
}

}  // namespace wb::executors
