// `wasm-build toolchain ensure|list|lock|export|import|publish|gc`: the toolchain roots in the cache
// (with --cache, ensure takes a missing root from the remote cache and publish offers roots to it).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/remote_roots.hpp"
#include "cli/session.hpp"
#include "platform/platform_set.hpp"
#include "toolchain/root_store.hpp"
#include "util/atomic_file.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

struct ToolchainContext {
    platform::PlatformSet platforms;
    util::RealProcessRunner runner;
    std::unique_ptr<toolchain::RootStore> store;
    fs::path logs;
    fs::path tmp;
    std::unique_ptr<engine::RemoteCache> remote;  ///< --cache, if given
};

util::Expected<std::unique_ptr<ToolchainContext>> open_context(const GlobalOptions& given) {
    GlobalOptions global = resolve_globals(given);
    auto ctx = std::make_unique<ToolchainContext>();
    auto platforms = platform::PlatformSet::load(fs::absolute(global.project_dir));
    if (!platforms) return tl::unexpected(platforms.error());
    ctx->platforms = std::move(*platforms);
    fs::path store = fs::absolute(global.store_dir);
    ctx->store = std::make_unique<toolchain::RootStore>(store / "toolchains", ctx->runner);
    ctx->logs = store / "logs";
    ctx->tmp = fs::absolute(global.cache_dir) / "tmp";
    auto remote = open_remote_cache(global, ctx->tmp, [](const std::string& m) { fmt::print(stderr, "{}\n", m); });
    if (!remote) return tl::unexpected(remote.error());
    ctx->remote = std::move(*remote);
    return ctx;
}

/// The named toolchains, or those of the enabled platforms.
util::Expected<std::vector<const toolchain::ToolchainSpec*>> chosen(const ToolchainContext& ctx,
                                                                    const std::vector<std::string>& names) {
    std::vector<const toolchain::ToolchainSpec*> out;
    auto add = [&](const toolchain::ToolchainSpec* t) {
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    };
    for (const auto& name : names) {
        const auto* t = ctx.platforms.find_toolchain(name);
        if (!t) return util::fail(util::ErrorKind::Usage, fmt::format("no toolchain named '{}' (expected a file "
                                                                      "toolchains/{}.yaml)", name, name));
        add(t);
    }
    if (names.empty()) {
        for (const auto& p : ctx.platforms.all()) {
            if (p.enabled) add(&ctx.platforms.toolchain_of(p));
        }
    }
    return out;
}

int run_ensure(const GlobalOptions& global, const std::vector<std::string>& names) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    auto specs = chosen(**ctx, names);
    if (!specs) return report_error(specs.error());
    for (const auto* spec : *specs) {
        bool present = (*ctx)->store->find(*spec).has_value();
        if (!present && (*ctx)->remote) {
            present = root_from_remote(*(*ctx)->remote, *(*ctx)->store, *spec, (*ctx)->tmp).has_value();
        }
        if (!present) fmt::print(stderr, "Making toolchain root {} ({})\n", spec->name, spec->short_id());
        auto root = (*ctx)->store->ensure(*spec, (*ctx)->logs / (spec->name + ".log"));
        if (!root) return report_error(root.error());
        fmt::print(stderr, "Toolchain {}: {} ({})\n", spec->name, root->root().string(), present ? "cached" : "made");
        if (global.json) fmt::print("{}\n", nlohmann::json{{"name", spec->name}, {"identity", spec->identity},
                                                           {"root", root->root().string()}}.dump());
    }
    return 0;
}

int run_list(const GlobalOptions& global) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    nlohmann::json out = nlohmann::json::array();
    auto cached = (*ctx)->store->list();
    for (const auto& spec : (*ctx)->platforms.toolchains()) {
        auto it = std::find_if(cached.begin(), cached.end(), [&](auto& r) { return r.identity == spec.identity; });
        std::string state = it == cached.end() ? "not made" : fmt::format("{:.0f} MB in {}", it->bytes / 1e6,
                                                                          it->root().string());
        fmt::print(stderr, "{} {} ({} packages): {}\n", spec.name, spec.short_id(), spec.manifest.size(), state);
        out.push_back({{"name", spec.name}, {"identity", spec.identity}, {"present", it != cached.end()}});
    }
    for (const auto& r : cached) {
        bool known = std::any_of((*ctx)->platforms.toolchains().begin(), (*ctx)->platforms.toolchains().end(),
                                 [&](auto& s) { return s.identity == r.identity; });
        if (!known) fmt::print(stderr, "{} {}: {:.0f} MB, not used by this project (toolchain gc removes it)\n",
                               r.name, r.identity.substr(0, 16), r.bytes / 1e6);
    }
    if (global.json) fmt::print("{}\n", out.dump(2));
    return 0;
}

int run_lock(const GlobalOptions& global, const std::string& name) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    const auto* spec = (*ctx)->platforms.find_toolchain(name);
    if (!spec) return report_error({util::ErrorKind::Usage, fmt::format("no toolchain named '{}'", name)});
    fmt::print(stderr, "Resolving {} from its pins (a fresh root, then discarded)\n", name);
    auto manifest = (*ctx)->store->resolve_manifest(*spec, (*ctx)->logs / (name + "-lock.log"));
    if (!manifest) return report_error(manifest.error());
    std::string text = "# Every package of the toolchain root '" + name + "' (wasm-build toolchain lock " + name +
                       "). Its sha256 is the root's identity.\n" + toolchain::manifest_text(*manifest);
    fs::path lock = fs::path(spec->file).replace_extension(".lock");
    if (auto w = util::write_file_atomic(lock, text); !w) return report_error(w.error());
    fmt::print(stderr, "Wrote {} ({} packages, identity {})\n", lock.string(), manifest->size(),
               toolchain::manifest_identity(*manifest, spec->prepare).substr(0, 16));
    return 0;
}

int run_export(const GlobalOptions& global, const std::string& name, const std::string& file) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    const auto* spec = (*ctx)->platforms.find_toolchain(name);
    if (!spec) return report_error({util::ErrorKind::Usage, fmt::format("no toolchain named '{}'", name)});
    auto root = (*ctx)->store->find(*spec);
    if (!root) return report_error({util::ErrorKind::Usage, fmt::format("toolchain {} ({}) is not in the cache; run "
                                                                        "`wasm-build toolchain ensure {}` first",
                                                                        name, spec->short_id(), name)});
    if (auto e = (*ctx)->store->export_root(*root, file); !e) return report_error(e.error());
    fmt::print(stderr, "Exported {} ({}) to {} ({:.0f} MB)\n", name, spec->short_id(), file,
               fs::file_size(file) / 1e6);
    return 0;
}

int run_import(const GlobalOptions& global, const std::string& file) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    auto root = (*ctx)->store->import_root(file);
    if (!root) return report_error(root.error());
    fmt::print(stderr, "Imported toolchain {} ({}) into {}\n", root->name, root->identity.substr(0, 16),
               root->dir.string());
    return 0;
}

int run_publish(const GlobalOptions& global, const std::vector<std::string>& names) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    if (!(*ctx)->remote) {
        return report_error({util::ErrorKind::Usage, "toolchain publish needs a remote cache (--cache URL or "
                                                     "WASM_BUILD_REMOTE_CACHE)"});
    }
    auto specs = chosen(**ctx, names);
    if (!specs) return report_error(specs.error());
    int failed = 0;
    for (const auto* spec : *specs) {
        auto root = (*ctx)->store->find(*spec);
        if (!root) {
            fmt::print(stderr, "FAILED: toolchain {} ({}) is not in the store; `wasm-build toolchain ensure {}` "
                               "makes it\n", spec->name, spec->short_id(), spec->name);
            ++failed;
            continue;
        }
        bool there = (*ctx)->remote->has_root(spec->identity);
        if (!publish_root(*(*ctx)->remote, *(*ctx)->store, *root, (*ctx)->tmp)) {
            fmt::print(stderr, "FAILED: toolchain {} ({}) was not published\n", spec->name, spec->short_id());
            ++failed;
        } else if (there) {
            fmt::print(stderr, "Toolchain root {} ({}) is already in the remote cache\n", spec->name, spec->short_id());
        }
    }
    return failed ? 1 : 0;
}

int run_gc(const GlobalOptions& global) {
    auto ctx = open_context(global);
    if (!ctx) return report_error(ctx.error());
    std::vector<std::string> keep;
    for (const auto& spec : (*ctx)->platforms.toolchains()) keep.push_back(spec.identity);
    for (const auto& r : (*ctx)->store->gc(keep)) {
        fmt::print(stderr, "Removed toolchain root {} {}\n", r.name, r.identity.substr(0, 16));
    }
    return 0;
}

}  // namespace

void register_toolchain_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    CLI::App* tc = app.add_subcommand("toolchain", "Toolchain roots: pinned Debian systems the builds run in");
    tc->require_subcommand(1);
    auto names = std::make_shared<std::vector<std::string>>();
    CLI::App* ensure = tc->add_subcommand("ensure", "Make the roots (default: those of the enabled platforms)");
    ensure->add_option("names", *names, "Toolchain names");
    ensure->callback([&global, &exit_code, names] { exit_code = run_ensure(global, *names); });
    tc->add_subcommand("list", "The project's toolchains and the roots in the cache")
        ->callback([&global, &exit_code] { exit_code = run_list(global); });
    auto name = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    CLI::App* lock = tc->add_subcommand("lock", "Resolve a toolchain's pins in a fresh root and write NAME.lock");
    lock->add_option("name", *name, "Toolchain name")->required();
    lock->callback([&global, &exit_code, name] { exit_code = run_lock(global, *name); });
    CLI::App* exp = tc->add_subcommand("export", "Write a root as one archive (tar.zst) for another machine");
    exp->add_option("name", *name, "Toolchain name")->required();
    exp->add_option("file", *file, "Archive to write")->required();
    exp->callback([&global, &exit_code, name, file] { exit_code = run_export(global, *name, *file); });
    CLI::App* imp = tc->add_subcommand("import", "Import an exported root after checking its identity");
    imp->add_option("file", *file, "Archive to read")->required();
    imp->callback([&global, &exit_code, file] { exit_code = run_import(global, *file); });
    auto publish_names = std::make_shared<std::vector<std::string>>();
    CLI::App* pub =
        tc->add_subcommand("publish", "Offer roots to the remote cache (--cache), exported once per identity");
    pub->add_option("names", *publish_names, "Toolchain names (default: those of the enabled platforms)");
    pub->callback([&global, &exit_code, publish_names] { exit_code = run_publish(global, *publish_names); });
    tc->add_subcommand("gc", "Remove roots no toolchain of this project uses")
        ->callback([&global, &exit_code] { exit_code = run_gc(global); });
}

}  // namespace wb::cli
