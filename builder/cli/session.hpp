#pragma once
// What every build-side command sets up from the global options: the project's recipes, the
// cache, the toolchain, the platform and the real side-effect implementations.
#include <memory>

#include "engine/build_context.hpp"
#include "engine/executor.hpp"
#include "cli/command.hpp"
#include "fetch/curl_downloader.hpp"
#include "graph/build_graph.hpp"
#include "recipe/recipe_set.hpp"

namespace wb::cli {

/// Options of commands that build (build, fetch, test, python).
struct BuildCommandOptions {
    std::vector<std::string> targets;
    std::string platform = "emscripten-3.1.6";
    bool keep_going = false;
    bool dry_run = false;
    bool offline = false;
    std::string out_dir;  ///< where finished wheels are collected (default: <project>/dist)
};

class Session {
public:
    /// Loads recipes and (unless `need_toolchain` is false) detects the toolchain.
    static util::Expected<std::unique_ptr<Session>> open(const GlobalOptions& global, const BuildCommandOptions& options,
                                                         bool need_toolchain = true);

    const recipe::RecipeSet& recipes() const { return m_recipes; }
    engine::BuildContext& context() { return *m_context; }
    util::Expected<graph::BuildGraph> graph(const std::vector<std::string>& targets) const;
    /// Builds targets (and what they need); prints status; returns the summary.
    util::Expected<engine::RunSummary> build(const graph::BuildGraph& graph, const engine::RunOptions& options);
    int jobs() const { return m_jobs; }
    bool json() const { return m_json; }

private:
    Session() = default;
    recipe::RecipeSet m_recipes;
    std::unique_ptr<fetch::SourceStore> m_store;
    std::unique_ptr<fetch::CurlDownloader> m_downloader;
    std::unique_ptr<util::RealProcessRunner> m_runner;
    std::unique_ptr<fetch::DebianSourceFetcher> m_debian;
    std::unique_ptr<engine::BuildContext> m_context;
    std::unique_ptr<engine::ConsoleStatus> m_status;
    int m_jobs = 1;
    bool m_json = false;
};

/// Resolves global options against WASM_BUILD_* variables (command line wins).
GlobalOptions resolve_globals(const GlobalOptions& given);


}  // namespace wb::cli
