#include "index/publish/publisher.hpp"

#include <fmt/format.h>

#include "index/publish/catalog_builder.hpp"
#include "index/publish/generation_tree.hpp"
#include "index/publish/previous_catalog.hpp"
#include "index/publish/wheel_inspector.hpp"
#include "index/validation/key_store.hpp"
#include "index/publish/recipe_metadata.hpp"
#include "index/publish/simple_pages.hpp"
#include "index/publish/sqlite_db.hpp"
#include "index/publish/tree_builder.hpp"
#include "util/file_util.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool is_inside(const fs::path& path, const fs::path& dir) {
    auto p = fs::weakly_canonical(path).lexically_normal().string() + "/";
    auto d = fs::weakly_canonical(dir).lexically_normal().string() + "/";
    return p.starts_with(d);
}

Expected<void> check_options(const PublishOptions& o) {
    fs::path generations = o.out;
    generations += ".generations";
    for (const fs::path& tree : {o.out, generations}) {
        if (is_inside(o.keys_dir, tree) || is_inside(tree, o.keys_dir)) {
            return fail(ErrorKind::Usage, fmt::format("keys {} and repository {} overlap: keys never enter the "
                                                      "repository tree", o.keys_dir.string(), tree.string()));
        }
    }
    return {};
}

Expected<RecipeMetadataMap> recipe_metadata(const PublishOptions& o) {
    if (o.recipes_metadata) return load_recipe_metadata(*o.recipes_metadata);
    fs::path fallback = o.wheels_dir / "packages.json";
    if (fs::exists(fallback)) return load_recipe_metadata(fallback);
    return RecipeMetadataMap{};
}

LockFile make_lock(const Catalog& catalog, const LockInfo& info) {
    LockFile lock;
    lock.info = info;
    for (const auto& [project, r] : latest_by_project(catalog)) {
        lock.packages[project] = LockPackage{r->name, r->version, r->file_name, r->install_dir, r->sha256,
                                             r->package_type, r->imports, r->depends, r->unvendored_tests,
                                             r->shared_library};
    }
    return lock;
}

/// packages/<wheel> and packages/<wheel>.metadata for every wheel.
Expected<void> put_packages(TreeBuilder& tree, const ScannedWheels& scanned) {
    for (const auto& [file, r] : scanned.catalog) {
        std::string path = "packages/" + file;
        if (auto ok = tree.put_copy(path, scanned.sources.at(file), TargetFile{r.size, r.sha256}); !ok) return ok;
        if (is_shared_library_package(file)) continue;  // no METADATA to serve
        TargetFile meta{r.metadata_size, r.metadata_sha256};
        if (tree.reuse(path + ".metadata", meta)) continue;
        auto text = scanned.new_metadata.find(file);
        if (text != scanned.new_metadata.end()) {
            if (auto ok = tree.put_text(path + ".metadata", text->second); !ok) return ok;
            continue;
        }
        // A reused record whose .metadata file in the previous generation changed: from the wheel.
        auto inspected = inspect_wheel(scanned.sources.at(file), r.sha256, r.size);
        if (!inspected) return tl::unexpected(inspected.error());
        if (auto ok = tree.put_text(path + ".metadata", inspected->metadata); !ok) return ok;
    }
    return {};
}

Expected<void> put_simple_pages(TreeBuilder& tree, const Catalog& catalog, const std::string& base_url) {
    std::string files_at = files_location(base_url);
    std::vector<std::string> names;
    Catalog wheels;  // the simple pages list Python distributions: shared-library packages are in the lock only
    for (const auto& [file, r] : catalog) {
        if (!is_shared_library_package(file)) wheels.emplace(file, r);
    }
    for (const auto& [project, files] : files_by_project(wheels)) {
        names.push_back(project);
        std::string dir = "simple/" + project + "/";
        if (auto ok = tree.put_text(dir + "index.html", render_project_html(project, files, files_at)); !ok) return ok;
        if (auto ok = tree.put_text(dir + "index.json", render_project_json(project, files, files_at)); !ok) return ok;
    }
    if (auto ok = tree.put_text("simple/index.html", render_project_list_html(names)); !ok) return ok;
    return tree.put_text("simple/index.json", render_project_list_json(names));
}

/// Signs the targets and writes metadata/, carrying over the previous versioned roots.
Expected<SignedMetadata> put_metadata(TreeBuilder& tree, const KeySet& keys, const PublishedMetadata& previous,
                                      const std::optional<fs::path>& old_generation, const PublishOptions& o) {
    auto signed_meta = sign_repository(keys, previous, tree.targets(), o.expiry, o.now.value_or(now_utc()));
    if (!signed_meta) return tl::unexpected(signed_meta.error());
    if (old_generation) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(*old_generation / "metadata", ec)) {
            std::string name = entry.path().filename().string();
            bool root_file = name == "root.json" || name.ends_with(".root.json");
            if (!root_file || signed_meta->files.contains(name)) continue;
            if (auto ok = tree.reuse_untracked("metadata/" + name); !ok) return tl::unexpected(ok.error());
        }
    }
    for (const auto& [name, text] : signed_meta->files) {
        if (auto ok = tree.put_text("metadata/" + name, text, false); !ok) return tl::unexpected(ok.error());
    }
    return signed_meta;
}

/// Fills staging with the whole tree of the new generation and signs it.
Expected<SignedMetadata> build_tree(TreeBuilder& tree, const ScannedWheels& scanned, const KeySet& keys,
                                    const PublishedMetadata& previous, const std::optional<fs::path>& old_generation,
                                    const PublishOptions& o) {
    if (auto ok = put_packages(tree, scanned); !ok) return tl::unexpected(ok.error());
    if (auto ok = put_simple_pages(tree, scanned.catalog, o.base_url); !ok) return tl::unexpected(ok.error());
    if (auto ok = tree.put_text("pyodide-lock.json", make_lock(scanned.catalog, o.info).str()); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = write_repodata_db(tree.staging() / "repodata.sqlite", scanned.catalog, o.info); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = tree.put_written("repodata.sqlite"); !ok) return tl::unexpected(ok.error());
    return put_metadata(tree, keys, previous, old_generation, o);
}

}  // namespace

Expected<PublishResult> publish(const PublishOptions& o) {
    if (auto ok = check_options(o); !ok) return tl::unexpected(ok.error());
    auto keys = KeySet::load(o.keys_dir);
    if (!keys) return tl::unexpected(keys.error());
    auto recipes = recipe_metadata(o);
    if (!recipes) return tl::unexpected(recipes.error());
    auto repo = GenerationTree::open(o.out);
    if (!repo) return tl::unexpected(repo.error());
    auto old_generation = repo->current();
    PublishedMetadata previous;
    Catalog previous_catalog;
    PublishResult result;
    if (old_generation) {
        previous = PublishedMetadata::load(*old_generation);
        previous_catalog = load_previous_catalog(*old_generation, previous, *keys, o.temp_root, result.warnings);
    }
    const fs::path versions_file = o.keys_dir / "published-versions.json";
    previous.raise_to(versions_file);

    auto scanned = scan_wheels(o.wheels_dir, previous_catalog);
    if (!scanned) return tl::unexpected(scanned.error());
    auto dropped = fill_lock_fields(scanned->catalog, *recipes);
    result.warnings.insert(result.warnings.end(), dropped.begin(), dropped.end());
    auto staging = repo->staging(true);
    if (!staging) return tl::unexpected(staging.error());
    TreeBuilder tree(*staging, old_generation, previous.targets ? previous.targets->targets : std::map<std::string, TargetFile>{});
    auto signed_meta = build_tree(tree, *scanned, *keys, previous, old_generation, o);
    auto generation = signed_meta ? repo->activate_staging(tree.written_paths())
                                  : Expected<fs::path>(tl::unexpected(signed_meta.error()));
    if (!generation) {
        util::remove_tree_quiet(*staging);  // a full disk stays full otherwise; the served tree is untouched
        return tl::unexpected(generation.error());
    }
    repo->prune(o.keep_generations);
    auto saved = save_versions(versions_file, signed_meta->targets_version, signed_meta->snapshot_version,
                               signed_meta->timestamp_version);
    if (!saved) result.warnings.push_back(saved.error().message);

    result.generation = *generation;
    result.wheels = scanned->catalog.size();
    result.reused_records = scanned->reused;
    result.files_written = tree.written();
    result.files_linked = tree.linked();
    result.root_version = signed_meta->root_version;
    result.targets_version = signed_meta->targets_version;
    result.snapshot_version = signed_meta->snapshot_version;
    result.timestamp_version = signed_meta->timestamp_version;
    return result;
}

}  // namespace wb::index
