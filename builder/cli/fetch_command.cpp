// `wasm-build fetch [NAME…]`: fills the source store ahead of time (for later --offline builds).
#include <fmt/format.h>

#include "engine/source_step.hpp"
#include "cli/build_options.hpp"
#include "cli/command.hpp"
#include "cli/session.hpp"
#include "fetch/fetcher.hpp"

namespace wb::cli {

namespace {

int run_fetch(const GlobalOptions& global, const BuildCommandOptions& options) {
    auto session = Session::open(global, options, /*need_toolchain=*/false);
    if (!session) return report_error(session.error());
    Session& s = **session;
    auto graph = s.graph(options.targets);
    if (!graph) return report_error(graph.error());
    auto& ctx = s.context();
    int failures = 0;
    for (size_t i : graph->topological_order()) {
        const auto& recipe = *graph->node(i).recipe;
        if (!recipe.source.has_source() || !recipe.source.path.empty()) continue;
        auto path = engine::fetch_recipe_source(ctx, recipe);
        if (!path) {
            ++failures;
            fmt::print(stderr, "FAILED: {}: {}\n", recipe.name, path.error().message);
            continue;
        }
        fmt::print(stderr, "Fetched {} {} ({})\n", recipe.name, recipe.version, path->string());
    }
    return failures ? 1 : 0;
}

}  // namespace

void register_fetch_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<BuildCommandOptions>();
    CLI::App* cmd = app.add_subcommand("fetch", "Download sources into the store, checking their sha256");
    add_build_options(*cmd, *options);
    cmd->callback([&global, &exit_code, options] { exit_code = run_fetch(global, *options); });
}

}  // namespace wb::cli
