// `wasm-build recipe new NAME[==VERSION]`: a first recipe from the package index pip uses here. The
// chosen file (the pure-Python wheel when upstream publishes one, else the sdist) is fetched into
// the source store by the hash the index gives, its metadata read for the run requirements that
// apply on the platforms, its layout for the import names and extension sources, and
// recipes/NAME/meta.yaml written (atomically; an existing recipe only with --force).
#include <deque>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/unpack.hpp"
#include "cli/command.hpp"
#include "cli/session.hpp"
#include "fetch/fetcher.hpp"
#include "index/publish/wheel_inspector.hpp"
#include "recipe/recipe_draft.hpp"
#include "specs/wheel_name.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/scope_guard.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::cli {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

struct RecipeNewOptions {
    std::string spec;  ///< NAME or NAME==VERSION
    std::vector<std::string> platforms;
    bool force = false;
    bool sdist = false;  ///< build the named project from its sdist even when a pure wheel exists
};

/// The first line of a header's value, when it is short enough to be a license name.
std::string short_header(const std::multimap<std::string, std::string>& headers, const std::string& name) {
    auto it = headers.find(name);
    if (it == headers.end()) return {};
    std::string value(util::trim(it->second.substr(0, it->second.find('\n'))));
    return value.size() <= 80 ? value : std::string();
}

/// The SPDX License-Expression (core metadata 2.4), else a short License.
std::string license_of(const std::multimap<std::string, std::string>& headers) {
    std::string spdx = short_header(headers, "License-Expression");
    return spdx.empty() ? short_header(headers, "License") : spdx;
}

/// Metadata and layout of a pure-Python wheel (its METADATA and members, checked as the index does).
Expected<void> read_wheel(const fs::path& stored, const recipe::ReleaseChoice& choice, const fs::path& tmp,
                          recipe::Draft& draft, std::vector<std::string>& requires_dist) {
    // The inspector reads the file name for the tags: give it the index's name.
    fs::path named = tmp / choice.file.filename;
    std::error_code ec;
    fs::copy_file(stored, named, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot copy: {}", named.string(), ec.message()));
    auto inspected = index::inspect_wheel(named, draft.sha256, fs::file_size(named, ec));
    if (!inspected) return tl::unexpected(inspected.error());
    draft.top_level = inspected->record.top_level;
    draft.summary = inspected->record.summary;
    requires_dist = inspected->record.requires_dist;
    auto headers = index::parse_metadata_headers(inspected->metadata);
    draft.license = license_of(headers);
    return {};
}

/// Metadata (PKG-INFO) and layout of an sdist, unpacked with the archive policy into tmp.
Expected<void> read_sdist(const fs::path& stored, const fs::path& tmp, recipe::Draft& draft,
                          std::vector<std::string>& requires_dist, std::vector<std::string>& notes) {
    const std::string& who = draft.name;
    auto unpacked = archive::unpack(stored, tmp / "sdist");
    if (!unpacked) return tl::unexpected(unpacked.error());
    std::vector<std::string> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(unpacked->root, ec); !ec && it != fs::end(it); it.increment(ec)) {
        if (it->is_regular_file()) paths.push_back(fs::relative(it->path(), unpacked->root).generic_string());
    }
    auto layout = recipe::sdist_layout(paths);
    draft.top_level = layout.top_level;
    draft.native_sources = layout.native_sources;
    auto pkg_info = util::read_file(unpacked->root / "PKG-INFO");
    if (!pkg_info) {
        notes.push_back(who + ": the sdist has no PKG-INFO: summary, license and run requirements are left to you");
        return {};
    }
    auto headers = index::parse_metadata_headers(*pkg_info);
    draft.summary = short_header(headers, "Summary");
    draft.license = license_of(headers);
    for (auto [it, end] = headers.equal_range("Requires-Dist"); it != end; ++it) requires_dist.push_back(it->second);
    // Core metadata 2.2: a field named Dynamic is decided by the build, not written in PKG-INFO.
    bool dynamic = false;
    for (auto [it, end] = headers.equal_range("Dynamic"); it != end; ++it) {
        dynamic = dynamic || util::to_lower(util::trim(it->second)) == "requires-dist";
    }
    std::string version = short_header(headers, "Metadata-Version");
    auto parsed = specs::Version::parse(version);
    if (dynamic || !parsed || *parsed < *specs::Version::parse("2.2")) {
        notes.push_back(fmt::format("{}: the sdist's PKG-INFO (metadata {}) does not settle Requires-Dist: check the "
                                    "run requirements",
                                    who, version.empty() ? "of no version" : version));
    }
    return {};
}

/// One recipe's draft: the release chosen, fetched into the store, read.
Expected<recipe::Draft> draft_recipe(Session& s, const std::string& project, const std::string& version,
                                     bool prefer_sdist, std::vector<std::string>& notes) {
    const platform::Platform& first = *s.platforms().front();
    specs::Version python;
    WB_TRY_ASSIGN(python, specs::Version::parse(first.python_version));
    auto& services = s.context().services;
    std::vector<fetch::IndexFile> files;
    WB_TRY_ASSIGN(files, services.pypi.project_files(project));
    recipe::ReleaseChoice choice;
    WB_TRY_ASSIGN(choice, recipe::choose_release(files, project, version.empty() ? std::nullopt
                                                                                 : std::optional(version), python,
                                                 prefer_sdist));
    if (choice.pure_wheel && choice.platform_wheels_too) {
        notes.push_back(fmt::format("{}: upstream also publishes platform wheels, so its sdist may compile "
                                    "speedups that the pure wheel lacks: `recipe new {} --sdist --force` builds them",
                                    project, project));
    }
    if (!util::is_sha256_hex(choice.file.sha256)) {
        return util::fail(ErrorKind::Integrity,
                          fmt::format("{}: the index gives no sha256 to pin it by", choice.file.url));
    }
    fetch::SourceRequest request;
    request.kind = fetch::SourceRequest::Kind::Url;
    request.urls = {choice.file.url};
    request.sha256 = choice.file.sha256;
    request.origin = fmt::format("{} (index file {})", project, choice.file.filename);
    fs::path stored;
    WB_TRY_ASSIGN(stored, fetch::fetch_source(request, services.store, services.downloader, services.debian, false));

    recipe::Draft draft;
    draft.name = project;
    draft.version = choice.version;
    draft.choice = choice;
    draft.sha256 = choice.file.sha256;
    std::vector<std::string> requires_dist;
    fs::path tmp;
    WB_TRY_ASSIGN(tmp, util::make_temp_dir(s.context().layout.tmp(), "recipe-new-"));
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(tmp); });
    if (choice.pure_wheel) {
        WB_TRY(read_wheel(stored, choice, tmp, draft, requires_dist));
    } else {
        WB_TRY(read_sdist(stored, tmp, draft, requires_dist, notes));
    }
    std::vector<specs::MarkerEnvironment> envs;
    for (const platform::Platform* p : s.platforms()) {
        envs.push_back(specs::MarkerEnvironment::emscripten(p->python_version));
    }
    auto reqs = recipe::run_requirements(requires_dist, envs);
    if (!reqs) return util::fail(reqs.error().kind, fmt::format("{}: {}", choice.file.filename, reqs.error().message));
    draft.requirements = std::move(*reqs);
    if (draft.top_level.empty()) {
        notes.push_back(project + ": no import name found: add package.top-level and test.imports");
    }
    return draft;
}

std::string describe(const recipe::Draft& d) {
    if (d.choice.pure_wheel) return "pure-Python wheel";
    if (d.native_sources.empty()) return "sdist, pure Python";
    return fmt::format("sdist with extension sources ({})", util::join(d.native_sources, ", "));
}

int run_recipe_new(const GlobalOptions& global, const RecipeNewOptions& options) {
    std::string name = options.spec, version;
    if (auto eq = options.spec.find("=="); eq != std::string::npos) {
        name = options.spec.substr(0, eq);
        version = options.spec.substr(eq + 2);
    }
    name = std::string(util::trim(name));
    if (!specs::is_valid_project_name(name)) {
        return report_error({ErrorKind::Usage, fmt::format("'{}': expected NAME or NAME==VERSION", options.spec)});
    }
    BuildCommandOptions build_options;
    build_options.platforms = options.platforms;
    auto session = Session::open(global, build_options, /*need_toolchains=*/false);
    if (!session) return report_error(session.error());
    Session& s = **session;
    fs::path recipes_dir = s.context().project_dir / "recipes";
    std::string project = specs::normalize_name(name);
    std::error_code ec;
    if (fs::exists(recipes_dir / project / "meta.yaml", ec) && !options.force) {
        return report_error({ErrorKind::Usage, fmt::format("{}: the recipe exists (--force replaces it)",
                                                           (recipes_dir / project / "meta.yaml").string())});
    }
    // The package, then every run requirement without a recipe, transitively: the project loads
    // afterwards. Nothing is written unless every draft succeeds.
    std::vector<recipe::Draft> drafts;
    std::vector<std::string> notes;
    std::set<std::string> queued{project};
    std::deque<std::pair<std::string, std::string>> queue{{project, version}};
    while (!queue.empty()) {
        auto [next, wanted] = queue.front();
        queue.pop_front();
        auto draft = draft_recipe(s, next, wanted, options.sdist && next == project, notes);
        if (!draft) return report_error(draft.error());
        for (const auto& r : draft->requirements) {
            if (s.recipes().find(r) || !queued.insert(r).second) continue;
            queue.emplace_back(r, "");
        }
        drafts.push_back(std::move(*draft));
    }
    nlohmann::json written = nlohmann::json::array();
    for (const auto& d : drafts) {
        fs::path meta = recipes_dir / d.name / "meta.yaml";
        fs::create_directories(meta.parent_path(), ec);
        if (auto w = util::write_file_atomic(meta, recipe::draft_meta_yaml(d)); !w) return report_error(w.error());
        fmt::print(stderr, "Wrote {}: {} {} from the {} {}{}\n", meta.string(), d.name, d.version, describe(d),
                   d.choice.file.filename,
                   d.requirements.empty() ? "" : fmt::format("; needs {}", util::join(d.requirements, ", ")));
        written.push_back({{"recipe", meta.string()}, {"name", d.name}, {"version", d.version},
                           {"file", d.choice.file.filename}, {"sha256", d.sha256}, {"pure_wheel", d.choice.pure_wheel},
                           {"native_sources", d.native_sources}, {"top_level", d.top_level},
                           {"requirements", d.requirements}});
    }
    for (const auto& n : notes) fmt::print(stderr, "  note: {}\n", n);
    if (global.json) fmt::print("{}\n", nlohmann::json{{"written", written}, {"notes", notes}}.dump(2));
    return 0;
}

}  // namespace

void register_recipe_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    CLI::App* recipe = app.add_subcommand("recipe", "Write recipes: `recipe new NAME[==VERSION]` drafts one from the "
                                                    "package index, with the recipes it needs; `recipe update` "
                                                    "finds newer releases and re-pins");
    recipe->require_subcommand(1);
    auto options = std::make_shared<RecipeNewOptions>();
    CLI::App* cmd = recipe->add_subcommand("new", "A first recipe for a release on the package index pip uses "
                                                  "(NAME or NAME==VERSION; default: the newest final release)");
    cmd->add_option("spec", options->spec, "NAME or NAME==VERSION")->required();
    cmd->add_option("--platform", options->platforms, "Platforms whose Python and markers decide (default: every "
                                                      "enabled one; the first decides Requires-Python)");
    cmd->add_flag("--force", options->force, "Replace an existing recipe");
    cmd->add_flag("--sdist", options->sdist, "Build NAME from its sdist even when upstream publishes a pure wheel "
                                             "(compiled speedups behind a pure fallback)");
    cmd->callback([&global, &exit_code, options] { exit_code = run_recipe_new(global, *options); });
    register_recipe_update_command(*recipe, global, exit_code);
}

}  // namespace wb::cli
