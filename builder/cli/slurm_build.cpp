// Session::build_on_slurm: `wasm-build build --executor slurm`. Each node becomes a Slurm job that
// runs this same binary as `wasm-build run-node` with this run's project, platforms, store and
// caches, so the worker computes the same graph and keys; it checks the key before it builds.
#include <chrono>
#include <ctime>

#include <unistd.h>

#include <fmt/format.h>

#include "cli/session.hpp"
#include "executors/slurm/slurm_executor.hpp"
#include "storage/credentials.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

/// The variables a job gets from the submitter's environment: what builds need (PATH, HOME,
/// SOURCE_DATE_EPOCH) and the names of credential files; never a token itself (Slurm keeps a job's
/// environment in the controller's state directory).
std::vector<std::string> job_variables(const util::Environment& env) {
    std::vector<std::string> names;
    for (const char* n : {"PATH", "HOME", "TMPDIR", "LANG", "SOURCE_DATE_EPOCH"}) {
        if (env.count(n)) names.push_back(n);
    }
    for (const char* n : storage::k_credential_file_variables) {
        if (env.count(n)) names.push_back(n);
    }
    return names;
}

std::string run_name() {
    std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", std::localtime(&now));
    return fmt::format("{}-{}", text, ::getpid());
}

}  // namespace

util::Expected<engine::RunSummary> Session::build_on_slurm(const graph::BuildGraph& graph, bool keep_going,
                                                           const SlurmBuildOptions& slurm) {
    auto conf = executors::find_slurm_conf(m_env);
    if (!conf) return tl::unexpected(conf.error());
    if (!util::env_or(m_env, "WASM_BUILD_REMOTE_CACHE_TOKEN").empty()) {
        m_status->message("warning: WASM_BUILD_REMOTE_CACHE_TOKEN is not handed to Slurm jobs (the controller "
                          "stores their environment); give the workers WASM_BUILD_REMOTE_CACHE_TOKEN_FILE");
    }
    fs::path self = fs::read_symlink("/proc/self/exe");
    fs::path cache = m_context->layout.root();
    fs::path worker_cache = slurm.worker_cache_dir.empty() ? cache : fs::absolute(slurm.worker_cache_dir);
    std::vector<std::string> base{self.string(), "-C", m_context->project_dir.string(), "--cache-dir",
                                  worker_cache.string(), "--store-dir", m_context->layout.store().string(), "-j",
                                  std::to_string(m_jobs)};
    if (!m_global.remote_cache.empty()) base.insert(base.end(), {"--cache", m_global.remote_cache});
    base.push_back("run-node");
    for (const platform::Platform* p : m_selected) base.insert(base.end(), {"--platform", p->name});
    if (m_offline) base.push_back("--offline");
    executors::WorkerCommand command = [base](const graph::Node& node, const std::string& key) {
        std::vector<std::string> argv = base;
        argv.insert(argv.end(), {"--name", node.recipe->name, "--node-platform", node.platform->name, "--key", key});
        return argv;
    };

    executors::SlurmRunOptions options;
    options.keep_going = keep_going;
    options.verbose = m_verbose;
    options.partition = slurm.partition;
    options.cpus_per_job = m_jobs;
    options.log_dir = slurm.log_dir.empty() ? cache / "slurm" / run_name() : fs::absolute(slurm.log_dir);
    options.export_vars = job_variables(m_env);
    if (auto poll = util::env_or(m_env, "WASM_BUILD_SLURM_POLL_MS"); !poll.empty()) {
        options.poll = std::chrono::milliseconds(std::max(50, std::atoi(poll.c_str())));
    }
    executors::RealSlurmClient client(*m_runner, m_env, *conf);
    executors::SlurmExecutor executor(graph, *m_cache, client, *m_status, command);
    auto summary = executor.run(key_context(), options);
    if (summary) m_status->message(fmt::format("Slurm jobs: {} submitted; their output and jobs.json in {}",
                                               executor.jobs().size(), options.log_dir.string()));
    return summary;
}

}  // namespace wb::cli
