// `wasm-build site export DIR --keys KEYDIR NAME…`: the browser page, the platform's stock Pyodide
// and a chosen set of wheels (with micropip, the page's verifier of the signed index, and what they
// need) as one static tree that any static host serves: the packages are built (or taken from the
// cache), published as a signed repository, and put beside the page and the runtime by
// `ci/publish-site --export`, which assembles the tree beside DIR and renames it into place.
//
// An export is a snapshot nobody re-signs, so its metadata expires after a year by default (a
// served repository's timestamp expires after a day); --expires changes it.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/build_options.hpp"
#include "cli/command.hpp"
#include "cli/dist_dir.hpp"
#include "cli/session.hpp"
#include "index/publish/publisher.hpp"
#include "platform/platform_set.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"
#include "util/subprocess.hpp"

namespace wb::cli {
namespace {

namespace fs = std::filesystem;

struct SiteExportArgs {
    std::string dir;
    std::string keys;
    std::vector<std::string> names;
    std::string platform;
    std::vector<std::string> expires;
    bool offline = false;
};

/// The page installs with micropip and checks the repository with verified_install (when the
/// project has its recipe; without it the page installs unverified and says so).
constexpr const char* k_page_packages[] = {"micropip", "verified-install"};

/// Expiry of an export's metadata unless --expires says otherwise.
constexpr const char* k_export_expiry[] = {"targets=365d", "snapshot=365d", "timestamp=365d"};

/// The one platform a site is for: --platform, else the project's default.
util::Expected<std::string> site_platform(const GlobalOptions& global, const std::string& wanted) {
    auto set = platform::PlatformSet::load(fs::absolute(resolve_globals(global).project_dir));
    if (!set) return tl::unexpected(set.error());
    if (wanted.empty()) return set->default_platform().name;
    if (!set->find(wanted)) return util::fail(util::ErrorKind::Usage, fmt::format("--platform: unknown platform '{}'", wanted));
    return wanted;
}

int run_site_export(const GlobalOptions& global, const SiteExportArgs& args) {
    auto name = site_platform(global, args.platform);
    if (!name) return report_error(name.error());
    index::ExpiryPolicy expiry;
    std::vector<std::string> periods(std::begin(k_export_expiry), std::end(k_export_expiry));
    periods.insert(periods.end(), args.expires.begin(), args.expires.end());  // later ones win
    for (const auto& e : periods) {
        if (auto ok = expiry.set(e); !ok) return report_error(ok.error());
    }
    BuildCommandOptions options;
    options.platforms = {*name};
    options.offline = args.offline;
    options.targets = args.names;
    auto session = Session::open(global, options);
    if (!session) return report_error(session.error());
    Session& s = **session;
    for (const char* name : k_page_packages) {
        if (std::string(name) == "micropip" || s.recipes().find(name)) options.targets.push_back(name);
    }
    const platform::Platform& p = *s.platforms().front();
    fs::path out = fs::absolute(args.dir).lexically_normal();
    if (!out.has_filename()) out = out.parent_path();  // "DIR/"
    auto work = util::make_temp_dir(util::temp_root(s.env()), "wasm-build-site-");
    if (!work) return report_error(work.error());
    util::ScopeGuard clean([&] { util::remove_tree_quiet(*work); });

    auto graph = s.graph(options.targets);
    if (!graph) return report_error(graph.error());
    auto summary = s.build(*graph, /*keep_going=*/false, /*dry_run=*/false);
    if (!summary) return report_error(summary.error());
    if (summary->interrupted) return 130;
    if (!summary->ok()) {
        fmt::print(stderr, "site export: not every package built; nothing was exported\n");
        return 1;
    }
    auto dist = collect_dist(s, *graph, *summary, (*work / "dist").string());
    if (!dist) return report_error(dist.error());

    index::PublishOptions publish;
    publish.info = lock_info_of(p);  // the session's platform: the project is not read again
    publish.wheels_dir = *dist / p.name;
    publish.out = *work / "repo";
    publish.keys_dir = args.keys;
    publish.temp_root = *work;
    publish.expiry = expiry;
    auto published = index::publish(publish);
    if (!published) return report_error(published.error());
    for (const auto& w : published->warnings) fmt::print(stderr, "warning: {}\n", w);

    auto runtime = s.runtimes().ensure(p.runtime);
    if (!runtime) return report_error(runtime.error());
    fs::path project = fs::absolute(resolve_globals(global).project_dir);
    util::Command assemble{{"python3", (project / "ci" / "publish-site").string(), "--export", out.string(), "--repo",
                            publish.out.string(), "--runtime", runtime->string(), "--web", (project / "web").string()}};
    assemble.inherit_output = true;
    auto r = s.runner().run(assemble);
    if (!r) return report_error(r.error());
    if (!r->ok()) {
        fmt::print(stderr, "site export: assembling the tree failed (exit {}); {} is unchanged\n", r->exit_code,
                   out.string());
        return r->interrupted ? 130 : 1;
    }
    fmt::print(stderr, "Exported Pyodide {} and {} wheel(s) for {} to {}: serve it with any static server\n",
               p.runtime.version, published->wheels, p.name, out.string());
    return 0;
}

}  // namespace

void register_site_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    CLI::App* site = app.add_subcommand("site", "The browser page as a static tree");
    site->require_subcommand(1);
    auto args = std::make_shared<SiteExportArgs>();
    CLI::App* exp = site->add_subcommand(
        "export", "The page, the platform's stock Pyodide and the chosen packages (built if needed, signed) as one "
                  "static directory that works offline after the first visit, from any static host");
    exp->add_option("dir", args->dir, "Directory to write (replaced whole if it is an earlier export)")->required();
    exp->add_option("names", args->names, "Packages to include (micropip and their dependencies come too)");
    exp->add_option("--keys", args->keys, "Key directory made by `index keygen` (signs the repository)")->required();
    exp->add_option("--platform", args->platform, "The platform (default: the project's default platform)");
    exp->add_option("--expires", args->expires, "ROLE=DURATION for the signed metadata (default: a year for "
                                                "targets, snapshot and timestamp)");
    exp->add_flag("--offline", args->offline, "Use only sources already in the store");
    exp->callback([args, &global, &exit_code] { exit_code = run_site_export(global, *args); });
}

}  // namespace wb::cli
