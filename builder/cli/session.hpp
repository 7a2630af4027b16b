#pragma once
// What every build-side command sets up from the global options: the project's recipes and
// platforms, the cache, the ready toolchain roots, and the real side-effect implementations.
#include <memory>

#include "cli/command.hpp"
#include "engine/build_context.hpp"
#include "engine/executor.hpp"
#include "fetch/curl_downloader.hpp"
#include "graph/build_graph.hpp"
#include "platform/platform_set.hpp"
#include "recipe/recipe_set.hpp"
#include "runtime/npm_package.hpp"

namespace wb::cli {

/// Options of commands that build (build, fetch, test, python).
struct BuildCommandOptions {
    std::vector<std::string> targets;
    std::vector<std::string> platforms;  ///< --platform (repeatable); empty: every enabled platform
    bool keep_going = false;
    bool dry_run = false;
    bool offline = false;
    std::string out_dir;  ///< where finished wheels are collected (default: <project>/dist)
};

/// How `build --executor slurm` submits its jobs.
struct SlurmBuildOptions {
    std::string partition;         ///< --partition (empty: the cluster's default)
    std::string worker_cache_dir;  ///< --worker-cache-dir: the cache the jobs use (default: this one)
    std::string log_dir;           ///< --slurm-log-dir: job output files (default: <cache>/slurm/<run>)
};

class Session {
public:
    /// Loads recipes and platforms and (unless `need_toolchains` is false) makes the toolchain
    /// roots of the chosen platforms ready.
    static util::Expected<std::unique_ptr<Session>> open(const GlobalOptions& global, const BuildCommandOptions& options,
                                                         bool need_toolchains = true);

    const recipe::RecipeSet& recipes() const { return m_recipes; }
    const platform::PlatformSet& platform_set() const { return m_platforms; }
    /// The platforms this command works on (--platform, else every enabled one).
    const std::vector<const platform::Platform*>& platforms() const { return m_selected; }
    engine::BuildContext& context() { return *m_context; }
    const engine::BuildCache& cache() const { return *m_cache; }
    runtime::NpmPackages& runtimes() { return *m_npm; }
    util::ProcessRunner& runner() { return *m_runner; }
    const util::Environment& env() const { return m_env; }
    util::Expected<graph::BuildGraph> graph(const std::vector<std::string>& targets) const;
    /// Builds the graph (or, dry, says what it would build); prints status; returns the summary.
    util::Expected<engine::RunSummary> build(const graph::BuildGraph& graph, bool keep_going, bool dry_run);
    /// Builds the graph as Slurm jobs (executors/slurm), one `wasm-build run-node` per node.
    util::Expected<engine::RunSummary> build_on_slurm(const graph::BuildGraph& graph, bool keep_going,
                                                      const SlurmBuildOptions& slurm);
    /// What keys are computed with (the project, the front end's and tools' identities).
    engine::KeyContext key_context() const;
    engine::Status& status() { return *m_status; }
    /// One line on what the remote cache did, if there is one (empty otherwise).
    std::string remote_summary() const;
    int jobs() const { return m_jobs; }
    bool json() const { return m_json; }

private:
    Session() = default;
    util::Expected<void> ready_toolchains(const std::vector<const platform::Platform*>& platforms);
    util::Environment m_env;
    recipe::RecipeSet m_recipes;
    platform::PlatformSet m_platforms;
    std::vector<const platform::Platform*> m_selected;
    std::unique_ptr<fetch::SourceStore> m_store;
    std::unique_ptr<fetch::CurlDownloader> m_downloader;
    std::unique_ptr<util::RealProcessRunner> m_runner;
    std::unique_ptr<fetch::DebianSourceFetcher> m_debian;
    std::unique_ptr<fetch::PypiIndex> m_pypi;
    std::unique_ptr<runtime::NpmPackages> m_npm;
    std::unique_ptr<engine::BuildContext> m_context;
    std::unique_ptr<engine::RemoteCache> m_remote;
    std::unique_ptr<engine::BuildCache> m_cache;
    std::unique_ptr<engine::ConsoleStatus> m_status;
    int m_jobs = 1;
    bool m_json = false;
    bool m_verbose = false;
    bool m_offline = false;
    GlobalOptions m_global;  ///< as resolved (what a Slurm job is given)
};

/// Resolves global options against WASM_BUILD_* variables (command line wins).
GlobalOptions resolve_globals(const GlobalOptions& given);

}  // namespace wb::cli
