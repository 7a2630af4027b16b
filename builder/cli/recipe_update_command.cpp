// `wasm-build recipe update [NAME…] [--apply]`: for every recipe pinned to a file of the package
// index pip uses (`source.pypi`), whether a newer final release is there (Requires-Python admitting
// the first platform, yanked files left out, the pure wheel preferred as `recipe new` does), and
// what would change: version, file, sha256. With --apply the new file is fetched into the store
// (checked against the index's sha256) and meta.yaml rewritten in place, atomically, keeping
// everything else. Pinned recipes (`package.pinned: true`) and sources from Debian, URLs or local
// paths are listed, not changed.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "engine/build_key.hpp"
#include "fetch/fetcher.hpp"
#include "recipe/recipe_update.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::cli {
namespace fs = std::filesystem;
using util::ErrorKind;

namespace {

struct RecipeUpdateOptions {
    std::vector<std::string> names;
    std::vector<std::string> platforms;
    bool apply = false;
};

/// Fetches the new file into the store (so a build after --apply needs no index) and rewrites the
/// recipe.
util::Expected<void> apply_bump(Session& s, const recipe::Recipe& r, const recipe::ReleaseChoice& next) {
    fetch::SourceRequest request;
    request.kind = fetch::SourceRequest::Kind::Url;
    request.urls = {next.file.url};
    request.sha256 = next.file.sha256;
    request.origin = fmt::format("{} (index file {})", r.name, next.file.filename);
    auto& services = s.context().services;
    if (auto f = fetch::fetch_source(request, services.store, services.downloader, services.debian, false); !f) {
        return tl::unexpected(f.error());
    }
    fs::path file = s.context().project_dir / r.file;  // recipes keep their path relative to the project
    std::string text;
    WB_TRY_ASSIGN(text, util::read_file(file));
    std::string bumped;
    WB_TRY_ASSIGN(bumped, recipe::bump_meta_yaml(text, r.file, r, next));
    return util::write_file_atomic(file, bumped);
}

int run_recipe_update(const GlobalOptions& global, const RecipeUpdateOptions& options) {
    BuildCommandOptions build_options;
    build_options.platforms = options.platforms;
    auto session = Session::open(global, build_options, /*need_toolchains=*/false);
    if (!session) return report_error(session.error());
    Session& s = **session;
    std::vector<const recipe::Recipe*> chosen;
    for (const auto& name : options.names) {
        const recipe::Recipe* r = s.recipes().find(name);
        if (!r) return report_error({ErrorKind::Usage, fmt::format("no recipe named '{}'", name)});
        chosen.push_back(r);
    }
    if (options.names.empty()) {
        for (const auto& r : s.recipes().all()) chosen.push_back(&r);
    }
    auto python = specs::Version::parse(s.platforms().front()->python_version);
    if (!python) return report_error(python.error());

    nlohmann::json results = nlohmann::json::array();
    int bumps = 0, applied = 0, errors = 0;
    for (const recipe::Recipe* r : chosen) {
        nlohmann::json row{{"name", r->name}, {"current", r->version}};
        util::Expected<recipe::UpdateCheck> check = recipe::UpdateCheck{};
        if (r->source.pypi_file.empty() || r->pinned) {
            check = recipe::check_update(*r, {}, *python, false);
        } else {
            auto files = s.context().services.pypi.project_files(r->source.pypi_project);
            bool patched = !engine::recipe_patches(*r, s.context().project_dir).empty();
            check = files ? recipe::check_update(*r, *files, *python, patched)
                          : util::Expected<recipe::UpdateCheck>(tl::unexpected(files.error()));
        }
        if (!check) {
            ++errors;
            fmt::print(stderr, "{} {}: cannot check: {}\n", r->name, r->version, check.error().message);
            row["status"] = "error";
            row["error"] = check.error().message;
            results.push_back(row);
            continue;
        }
        row["status"] = recipe::update_status_name(check->status);
        row["notes"] = check->notes;
        switch (check->status) {
            case recipe::UpdateCheck::Status::UpToDate:
                fmt::print(stderr, "{} {}: up to date\n", r->name, r->version);
                break;
            case recipe::UpdateCheck::Status::Pinned:
                fmt::print(stderr, "{} {}: pinned (package.pinned), left alone\n", r->name, r->version);
                break;
            case recipe::UpdateCheck::Status::Untracked:
                fmt::print(stderr, "{} {}: its source is not a file of the package index, not checked\n", r->name,
                           r->version);
                break;
            case recipe::UpdateCheck::Status::Bump: {
                ++bumps;
                const auto& next = *check->next;
                row["latest"] = next.version;
                row["file"] = next.file.filename;
                row["sha256"] = next.file.sha256;
                fmt::print(stderr, "{} {} -> {}: {} (sha256 {}) in place of {}\n", r->name, r->version, next.version,
                           next.file.filename, next.file.sha256, r->source.pypi_file);
                for (const auto& n : check->notes) fmt::print(stderr, "  note: {}\n", n);
                if (options.apply) {
                    if (auto a = apply_bump(s, *r, next); !a) {
                        ++errors;
                        fmt::print(stderr, "  not applied: {}\n", a.error().message);
                        row["error"] = a.error().message;
                    } else {
                        fmt::print(stderr, "  applied: {} now pins {}\n", r->file.string(), next.file.filename);
                        row["applied"] = true;
                        ++applied;
                    }
                }
                break;
            }
        }
        results.push_back(row);
    }
    fmt::print(stderr, "{} recipe(s) checked: {} with a newer release{}{}\n", chosen.size(), bumps,
               options.apply ? fmt::format(", {} applied", applied) : "",
               errors ? fmt::format(", {} error(s)", errors) : "");
    if (global.json) fmt::print("{}\n", nlohmann::json{{"recipes", results}}.dump(2));
    return errors ? 1 : 0;
}

}  // namespace

void register_recipe_update_command(CLI::App& recipe_app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<RecipeUpdateOptions>();
    CLI::App* cmd = recipe_app.add_subcommand(
        "update", "Newer releases on the package index for the recipes pinned to its files; --apply re-pins them");
    cmd->add_option("names", options->names, "Recipes to check (default: all)");
    cmd->add_option("--platform", options->platforms, "The platform whose Python decides Requires-Python (default: "
                                                      "the first enabled one)");
    cmd->add_flag("--apply", options->apply, "Fetch the new file and rewrite meta.yaml (version, file, sha256)");
    cmd->callback([&global, &exit_code, options] { exit_code = run_recipe_update(global, *options); });
}

}  // namespace wb::cli
