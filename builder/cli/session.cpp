#include "cli/session.hpp"

#include <map>
#include <thread>

#include <fmt/format.h>

#include "cc_identity.hpp"
#include "engine/local_node_runner.hpp"
#include "engine/build_tools.hpp"
#include "sandbox/sandbox.hpp"
#include "cli/remote_roots.hpp"
#include "toolchain/frontend_setup.hpp"
#include "toolchain/root_store.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

GlobalOptions resolve_globals(const GlobalOptions& given) {
    GlobalOptions g = given;
    if (g.env.empty()) g.env = util::current_environment();
    if (g.project_dir.empty() || g.project_dir == ".") {
        g.project_dir = util::env_or(g.env, "WASM_BUILD_PROJECT", g.project_dir.empty() ? "." : g.project_dir);
    }
    if (g.cache_dir.empty()) g.cache_dir = engine::CacheLayout::default_root(g.env).string();
    if (g.store_dir.empty()) g.store_dir = util::env_or(g.env, "WASM_BUILD_STORE", g.cache_dir);
    if (g.remote_cache.empty()) g.remote_cache = util::env_or(g.env, "WASM_BUILD_REMOTE_CACHE");
    if (g.jobs <= 0) g.jobs = std::atoi(util::env_or(g.env, "WASM_BUILD_JOBS", "0").c_str());
    if (g.jobs <= 0) g.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return g;
}

int report_error(const util::Error& error) {
    fmt::print(stderr, "wasm-build: {}: {}\n", util::kind_name(error.kind), error.message);
    return util::exit_code_for(error.kind);
}

util::Expected<void> Session::ready_toolchains(const std::vector<const platform::Platform*>& platforms) {
    if (auto s = sandbox::check_available(*m_runner, m_env); !s) return s;
    toolchain::RootStore roots(m_context->layout.toolchains(), *m_runner);
    fs::path wasm_cc = fs::read_symlink("/proc/self/exe").parent_path() / "wasm-cc";
    // The front end is probed for the platform's ABI flags (its cflags). The build context keeps one
    // front end per toolchain, so platforms sharing a toolchain must share their ABI flags.
    std::map<std::string, const platform::Platform*> abi_of;
    for (const platform::Platform* p : platforms) {
        auto [first, inserted] = abi_of.emplace(p->toolchain, p);
        if (!inserted && first->second->cflags != p->cflags) {
            return util::fail(util::ErrorKind::Usage,
                              fmt::format("platforms {} and {} share toolchain {} but not their ABI flags ('{}' vs "
                                          "'{}'); one front end serves one toolchain",
                                          first->second->name, p->name, p->toolchain,
                                          util::join(first->second->cflags, " "), util::join(p->cflags, " ")));
        }
        if (m_context->toolchains.count(p->toolchain)) continue;
        const auto& spec = m_platforms.toolchain_of(*p);
        bool made = false;
        if (!roots.find(spec) && m_remote) root_from_remote(*m_remote, roots, spec, m_context->layout.tmp());
        if (!roots.find(spec)) {
            fmt::print(stderr, "Making toolchain root {} ({}): debootstrap and the pinned packages, once\n", spec.name,
                       spec.short_id());
            made = true;
        }
        auto root = roots.ensure(spec, m_context->layout.store() / "logs" / (spec.name + ".log"));
        if (!root) return tl::unexpected(root.error());
        if (made && m_remote) publish_root(*m_remote, roots, *root, m_context->layout.tmp());
        auto frontend = toolchain::ensure_frontend(m_context->layout.frontend(spec.identity, p->cflags), root->root(),
                                                   wasm_cc, p->cflags, *m_runner);
        if (!frontend) return tl::unexpected(frontend.error());
        m_context->toolchains[p->toolchain] =
            engine::ReadyToolchain{spec.identity, root->root(), frontend->wasm_cc, frontend->dir};
    }
    return {};
}

util::Expected<std::unique_ptr<Session>> Session::open(const GlobalOptions& given, const BuildCommandOptions& options,
                                                       bool need_toolchains) {
    GlobalOptions global = resolve_globals(given);
    std::unique_ptr<Session> s(new Session());
    s->m_global = global;
    s->m_verbose = global.verbose;
    s->m_offline = options.offline;
    s->m_env = global.env;
    s->m_jobs = global.jobs;
    s->m_json = global.json;
    fs::path project = fs::absolute(global.project_dir).lexically_normal();
    auto recipes = recipe::RecipeSet::load(project);
    if (!recipes) return tl::unexpected(recipes.error());
    s->m_recipes = std::move(*recipes);
    auto platforms = platform::PlatformSet::load(project);
    if (!platforms) return tl::unexpected(platforms.error());
    s->m_platforms = std::move(*platforms);
    auto selected = s->m_platforms.select(options.platforms);
    if (!selected) return tl::unexpected(selected.error());
    s->m_selected = std::move(*selected);
    for (const platform::Platform* p : s->m_selected) {
        const recipe::Recipe* xenv = s->m_recipes.find(p->cross_env);
        if (!xenv || xenv->type != recipe::BuildType::CrossEnv) {
            return util::fail(util::ErrorKind::Input, fmt::format("{}: python.cross-env names '{}', which is not a "
                                                                  "recipe of build type cross_env", p->file.string(),
                                                                  p->cross_env));
        }
    }
    engine::CacheLayout layout(fs::absolute(global.cache_dir), fs::absolute(global.store_dir));
    s->m_store = std::make_unique<fetch::SourceStore>(layout.sources());
    s->m_downloader = std::make_unique<fetch::CurlDownloader>();
    s->m_runner = std::make_unique<util::RealProcessRunner>();
    s->m_debian = std::make_unique<fetch::DebianSourceFetcher>(*s->m_runner);
    util::Environment env = global.env;
    util::ProcessRunner& runner = *s->m_runner;
    s->m_pypi = std::make_unique<fetch::PypiIndex>(
        *s->m_downloader, [&runner, env] { return fetch::pip_index_url(runner, env); }, layout.tmp());
    s->m_npm = std::make_unique<runtime::NpmPackages>(layout.runtimes(), *s->m_runner, options.offline);
    auto tools = engine::install_build_tools(layout.tools());
    if (!tools) return tl::unexpected(tools.error());
    engine::BuildServices services{*s->m_store, *s->m_downloader, *s->m_debian, *s->m_pypi, *s->m_runner};
    runtime::NpmPackages& npm = *s->m_npm;
    s->m_context = std::make_unique<engine::BuildContext>(engine::BuildContext{
        layout, project, {}, services, [&npm](const platform::RuntimePackage& p) { return npm.ensure(p); }, *tools});
    s->m_context->jobs_per_build = global.jobs;
    s->m_context->offline = options.offline;
    if (auto sde = util::env_or(global.env, "SOURCE_DATE_EPOCH"); !sde.empty()) {
        char* end = nullptr;
        long long value = std::strtoll(sde.c_str(), &end, 10);
        if (*end != '\0' || value < 315532800 || value > 4354819199) {
            return util::fail(util::ErrorKind::Usage, fmt::format("SOURCE_DATE_EPOCH='{}': expected whole seconds "
                                                                  "between 1980 and 2107 (what a zip can hold)", sde));
        }
        s->m_context->source_date_epoch = value;
    }
    s->m_status = std::make_unique<engine::ConsoleStatus>(
        stderr, engine::ConsoleStatus::stream_is_smart_terminal(stderr, global.env), global.verbose);
    engine::Status& status = *s->m_status;
    s->m_store->set_reporter([&status](const std::string& m) { status.message("warning: " + m); });
    auto remote = open_remote_cache(global, layout.tmp(), [&status](const std::string& m) { status.message(m); });
    if (!remote) return tl::unexpected(remote.error());
    s->m_remote = std::move(*remote);
    s->m_cache = std::make_unique<engine::BuildCache>(layout, s->m_remote.get());
    if (need_toolchains) {
        if (auto r = s->ready_toolchains(s->m_selected); !r) return tl::unexpected(r.error());
    }
    return s;
}

util::Expected<graph::BuildGraph> Session::graph(const std::vector<std::string>& targets) const {
    return graph::BuildGraph::make(m_recipes, targets, m_selected);
}

engine::KeyContext Session::key_context() const {
    return engine::KeyContext{m_context->project_dir, WB_CC_IDENTITY, engine::build_tools_identity(),
                              m_context->source_date_epoch};
}

util::Expected<engine::RunSummary> Session::build(const graph::BuildGraph& graph, bool keep_going, bool dry_run) {
    engine::RunOptions run{m_jobs, keep_going};
    if (dry_run) {
        engine::DryRunNodeRunner dry;
        return engine::Executor(graph, *m_cache, dry, *m_status).run(key_context(), run);
    }
    engine::LocalNodeRunner local(*m_context, *m_cache);
    return engine::Executor(graph, *m_cache, local, *m_status).run(key_context(), run);
}

std::string Session::remote_summary() const {
    if (!m_remote) return {};
    auto st = m_remote->stats();
    return fmt::format("Remote cache {}: {} fetched, {} missed, {} refused, {} published ({} already there); "
                       "{:.1f} MB down, {:.1f} MB up{}",
                       m_remote->describe(), st.fetched, st.missed, st.refused, st.published, st.already_there,
                       st.bytes_down / 1e6, st.bytes_up / 1e6, m_remote->available() ? "" : "; switched off");
}

}  // namespace wb::cli
