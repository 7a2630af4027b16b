#include "cli/session.hpp"

#include <thread>

#include <fmt/format.h>

#include "engine/node_builder.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

GlobalOptions resolve_globals(const GlobalOptions& given) {
    GlobalOptions g = given;
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? v : "";
    };
    if (g.project_dir.empty() || g.project_dir == ".") {
        if (!env("WASM_BUILD_PROJECT").empty()) g.project_dir = env("WASM_BUILD_PROJECT");
    }
    if (g.cache_dir.empty()) g.cache_dir = env("WASM_BUILD_CACHE");
    if (g.cache_dir.empty()) g.cache_dir = engine::CacheLayout::default_root().string();
    if (g.jobs <= 0 && !env("WASM_BUILD_JOBS").empty()) g.jobs = std::atoi(env("WASM_BUILD_JOBS").c_str());
    if (g.jobs <= 0) g.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return g;
}

int report_error(const util::Error& error) {
    fmt::print(stderr, "wasm-build: {}: {}\n", util::kind_name(error.kind), error.message);
    return util::exit_code_for(error.kind);
}

util::Expected<std::unique_ptr<Session>> Session::open(const GlobalOptions& given, const BuildCommandOptions& options,
                                                       bool need_toolchain) {
    GlobalOptions global = resolve_globals(given);
    std::unique_ptr<Session> s(new Session());
    s->m_jobs = global.jobs;
    s->m_json = global.json;
    fs::path project = fs::absolute(global.project_dir).lexically_normal();
    auto recipes = recipe::RecipeSet::load(project);
    if (!recipes) return tl::unexpected(recipes.error());
    s->m_recipes = std::move(*recipes);
    auto platform = specs::Platform::by_name(options.platform);
    if (!platform) return tl::unexpected(platform.error());
    if (!platform->buildable) {
        return util::fail(util::ErrorKind::Usage, fmt::format("platform '{}' is described but cannot be built with "
                                                              "this toolchain yet", platform->name));
    }
    engine::CacheLayout layout(fs::absolute(global.cache_dir));
    s->m_store = std::make_unique<fetch::SourceStore>(layout.sources());
    s->m_downloader = std::make_unique<fetch::CurlDownloader>();
    s->m_runner = std::make_unique<util::RealProcessRunner>();
    s->m_debian = std::make_unique<fetch::DebianSourceFetcher>(*s->m_runner);
    toolchain::Toolchain tc;
    if (need_toolchain) {
        auto detected = toolchain::detect_toolchain(layout.root(), toolchain::executable_dir() / "wasm-cc", *s->m_runner);
        if (!detected) return tl::unexpected(detected.error());
        tc = std::move(*detected);
    }
    engine::BuildServices services{*s->m_store, *s->m_downloader, *s->m_debian, *s->m_runner};
    s->m_context = std::make_unique<engine::BuildContext>(engine::BuildContext{layout, project, *platform, tc, services});
    s->m_context->jobs_per_build = global.jobs;
    s->m_context->offline = options.offline;
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
        s->m_context->source_date_epoch = std::max<int64_t>(315532800, std::atoll(sde));
    }
    s->m_status = std::make_unique<engine::ConsoleStatus>(stderr, engine::ConsoleStatus::stream_is_smart_terminal(stderr),
                                                         global.verbose);
    return s;
}

util::Expected<graph::BuildGraph> Session::graph(const std::vector<std::string>& targets) const {
    return graph::BuildGraph::make(m_recipes, targets, m_context->platform);
}

util::Expected<engine::RunSummary> Session::build(const graph::BuildGraph& graph, const engine::RunOptions& options) {
    engine::Executor executor(*m_context, graph, *m_status, engine::build_node);
    return executor.run(options);
}

}  // namespace wb::cli
