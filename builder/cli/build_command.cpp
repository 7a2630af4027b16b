// `wasm-build build [NAME…]`: builds recipes and what they need, then collects the wheels.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/build_options.hpp"
#include "cli/command.hpp"
#include "cli/dist_dir.hpp"
#include "cli/session.hpp"

namespace wb::cli {

namespace {

nlohmann::json summary_json(const engine::RunSummary& s) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& r : s.results) results.push_back(r.to_json());
    return {{"results", results},
            {"summary", {{"built", s.built}, {"cached", s.cached}, {"failed", s.failed}, {"skipped", s.skipped},
                         {"would_build", s.would_build}, {"interrupted", s.interrupted}}}};
}

/// Which nodes serve several platforms (built once for all of them).
void print_shared_nodes(const graph::BuildGraph& graph) {
    for (const auto& node : graph.nodes()) {
        if (!node.shared) continue;
        std::vector<std::string> names;
        for (const auto* p : node.platforms) names.push_back(p->name);
        fmt::print(stderr, "{} {} [{}]: one build shared by {}\n", node.recipe->name, node.recipe->version,
                   node.variant(), fmt::join(names, ", "));
    }
}

struct ExecutorOptions {
    std::string executor = "local";
    SlurmBuildOptions slurm;
};

int run_build(const GlobalOptions& global, const BuildCommandOptions& options, const ExecutorOptions& exec) {
    // A dry run needs no toolchain root: keys come from the locks.
    auto session = Session::open(global, options, /*need_toolchains=*/!options.dry_run);
    if (!session) return report_error(session.error());
    Session& s = **session;
    auto graph = s.graph(options.targets);
    if (!graph) return report_error(graph.error());
    if (options.dry_run) print_shared_nodes(*graph);
    bool on_slurm = exec.executor == "slurm" && !options.dry_run;
    auto summary = on_slurm ? s.build_on_slurm(*graph, options.keep_going, exec.slurm)
                            : s.build(*graph, options.keep_going, options.dry_run);
    if (!summary) return report_error(summary.error());
    if (options.dry_run) {
        fmt::print(stderr, "Plan: {} to build, {} up to date\n", summary->would_build, summary->cached);
        if (s.json()) fmt::print("{}\n", summary_json(*summary).dump(2));
        return 0;
    }
    fmt::print(stderr, "Summary: {} built, {} cached, {} failed, {} skipped\n", summary->built, summary->cached,
               summary->failed, summary->skipped);
    if (auto remote = s.remote_summary(); !remote.empty()) fmt::print(stderr, "{}\n", remote);
    auto dist = collect_dist(s, *graph, *summary, options.out_dir);
    if (!dist) return report_error(dist.error());
    if (s.json()) fmt::print("{}\n", summary_json(*summary).dump(2));
    if (summary->interrupted) return 130;
    return summary->ok() ? 0 : 1;
}

}  // namespace

void register_build_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<BuildCommandOptions>();
    auto exec = std::make_shared<ExecutorOptions>();
    CLI::App* cmd = app.add_subcommand("build", "Build recipes (and what they need) into wasm32 wheels");
    add_build_options(*cmd, *options);
    cmd->add_flag("-k,--keep-going", options->keep_going, "Build everything that does not depend on a failure");
    cmd->add_flag("-n,--dry-run", options->dry_run, "Print what would be built and why; build nothing");
    cmd->add_option("--executor", exec->executor, "Where nodes build: local (threads, default) or slurm (one "
                                                 "batch job per node; SLURM_CONF names the cluster)")
        ->check(CLI::IsMember({"local", "slurm"}));
    cmd->add_option("--partition", exec->slurm.partition, "Slurm partition for the jobs (default: the cluster's)");
    cmd->add_option("--worker-cache-dir", exec->slurm.worker_cache_dir,
                    "Local cache directory of the Slurm jobs (default: this cache, on a shared file system)");
    cmd->add_option("--slurm-log-dir", exec->slurm.log_dir,
                    "Where jobs write their output, readable here (default: <cache>/slurm/<run>)");
    cmd->callback([&global, &exit_code, options, exec] { exit_code = run_build(global, *options, *exec); });
}

}  // namespace wb::cli
