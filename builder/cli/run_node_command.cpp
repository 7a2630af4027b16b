// `wasm-build run-node` (hidden): what a Slurm job runs. It opens the same session as the submitter
// (project, platforms, store, caches), builds the graph of one recipe, finds the node by name and
// platform, checks that its key is the one the submitter computed (else the two disagree on the
// project, the toolchain lock or wasm-build itself, and nothing is built), takes its host
// dependencies from the cache (local, else remote) and builds it here with the LocalNodeRunner,
// which publishes it to the remote cache. Exit 0 built (or already there), 1 failed, 2 mismatch.
#include <chrono>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "engine/local_node_runner.hpp"

namespace wb::cli {

namespace {

struct RunNodeOptions {
    BuildCommandOptions build;
    std::string name;
    std::string node_platform;
    std::string key;
};

int fail_node(const std::string& step, const std::string& message, int code) {
    fmt::print(stderr, "wasm-build: {}\nwasm-build: failed step: {}\n", message, step);
    return code;
}

int run_node(const GlobalOptions& global, const RunNodeOptions& options) {
    auto start = std::chrono::steady_clock::now();
    auto session = Session::open(global, options.build);
    if (!session) return fail_node("setup", session.error().message, util::exit_code_for(session.error().kind));
    Session& s = **session;
    const platform::Platform* platform = s.platform_set().find(options.node_platform);
    if (!platform) return fail_node("setup", fmt::format("unknown platform '{}'", options.node_platform), 2);
    auto graph = s.graph({options.name});
    if (!graph) return fail_node("setup", graph.error().message, util::exit_code_for(graph.error().kind));
    size_t i = graph->find(options.name, *platform);
    if (i == graph->size()) {
        return fail_node("setup", fmt::format("no node {} for platform {} in this project", options.name,
                                              options.node_platform), 2);
    }
    auto keys = engine::compute_keys(*graph, s.key_context());
    if (!keys) return fail_node("setup", keys.error().message, util::exit_code_for(keys.error().kind));
    const graph::Node& node = graph->node(i);
    std::string key = (*keys)[i].key();
    if (key != options.key) {
        return fail_node("key", fmt::format("{}: this worker computes key {}, the submitter {}: the project, the "
                                            "toolchain lock or wasm-build differ between them", node.id(), key,
                                            options.key), 2);
    }
    std::vector<engine::BuildResult> deps;
    std::vector<size_t> order = graph->transitive_host_deps(i);
    deps.reserve(order.size());
    for (size_t d : order) {
        const auto& dep = graph->node(d);
        std::string problem;
        auto found = s.cache().lookup(dep.recipe->name, (*keys)[d].key(), &problem);
        if (!found) {
            return fail_node("dependencies", fmt::format("{}: dependency {} (key {}) is neither in this worker's cache "
                                                         "nor in a remote cache{}", node.id(), dep.id(),
                                                         (*keys)[d].key(), problem.empty() ? "" : ": " + problem), 1);
        }
        deps.push_back(std::move(*found));
    }
    engine::NodeJob job;
    job.node = &node;
    job.key_inputs = (*keys)[i];
    job.key = key;
    job.reasons = {"a Slurm job of a farm build"};
    for (const auto& d : deps) job.deps.push_back(&d);
    engine::LocalNodeRunner runner(s.context(), s.cache());
    s.status().build_started(node.id(), job.reasons);
    engine::BuildResult r = runner.run(job);
    s.status().build_finished(r);
    if (auto remote = s.remote_summary(); !remote.empty()) fmt::print(stderr, "{}\n", remote);
    // What the job cost beyond the build itself (session, dependencies, publishing): for bench/farm-sim.
    double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(stderr, "wasm-build: run-node took {:.2f}s, the build {:.2f}s\n", total, r.seconds);
    if (util::interrupted()) return 130;
    if (!r.ok()) {
        // A submitter sharing no file system with this worker reads the log from the remote cache.
        std::string job = util::env_or(s.env(), "SLURM_JOB_ID");
        if (s.cache().remote() && !job.empty()) s.cache().remote()->publish_log(key, job, r.log);
        return fail_node(r.failed_step, fmt::format("{} failed; its log on this worker: {}", node.id(), r.log.string()),
                         1);
    }
    return 0;
}

}  // namespace

void register_run_node_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<RunNodeOptions>();
    CLI::App* cmd = app.add_subcommand("run-node", "Build one node of a graph (what a Slurm job runs)");
    cmd->group("");  // not for people: `build --executor slurm` writes these command lines
    cmd->add_option("--platform", options->build.platforms, "The submitter's platforms, in its order")->take_all();
    cmd->add_option("--name", options->name, "The node's recipe")->required();
    cmd->add_option("--node-platform", options->node_platform, "The platform the node is built with")->required();
    cmd->add_option("--key", options->key, "The key the submitter computed")->required();
    cmd->add_flag("--offline", options->build.offline, "Use only sources already in the store");
    cmd->callback([&global, &exit_code, options] { exit_code = run_node(global, *options); });
}

}  // namespace wb::cli
