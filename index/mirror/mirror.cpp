#include "index/mirror/mirror.hpp"

#include <set>

#include <fmt/format.h>

#include "index/publish/generation_tree.hpp"
#include "index/validation/metadata_client.hpp"
#include "index/publish/repo_signer.hpp"
#include "index/publish/tree_builder.hpp"
#include "index/validation/trust_state.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/subprocess.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool matches(const fs::path& file, const TargetFile& info) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != info.length) return false;
    auto sha = util::sha256_file_hex(file);
    return sha && *sha == info.sha256;
}

/// One mirror run's view: where files come from, where they go, and what was done.
struct MirrorRun {
    RepoSource& source;
    fs::path staging;
    std::optional<fs::path> current;                   ///< the mirror's current generation
    std::map<std::string, TargetFile> current_targets;  ///< what that generation's targets.json lists
    MirrorResult& result;
    std::vector<fs::path> new_files;                   ///< written into staging, to flush
};

/// Brings one target into staging: kept from an interrupted run, linked from the current
/// generation, or downloaded and checked.
Expected<void> stage_target(MirrorRun& run, const std::string& path, const TargetFile& info) {
    RepoSource& source = run.source;
    MirrorResult& result = run.result;
    const auto& current = run.current;
    fs::path dest = run.staging / path;
    std::error_code ec;
    if (fs::exists(dest, ec)) {
        if (matches(dest, info)) {
            ++result.resumed;
            run.new_files.push_back(dest);  // written by the interrupted run, maybe never flushed
            return {};
        }
        fs::remove(dest, ec);
    }
    fs::create_directories(dest.parent_path(), ec);
    auto old = run.current_targets.find(path);
    if (current && old != run.current_targets.end() && old->second == info) {
        // The mirror's own tree may have changed on disk since it was verified: what is linked is
        // hashed again, and fetched afresh when it is not what the signed targets say.
        if (link_or_copy(*current / path, dest) && matches(dest, info)) {
            ++result.linked;
            return {};
        }
        fs::remove(dest, ec);
    }
    fs::path part = dest;
    part += ".part";
    if (auto ok = source.fetch(path, part, info.length); !ok) return ok;
    if (!matches(part, info)) {
        uint64_t size = fs::file_size(part, ec);
        fs::remove(part, ec);
        return fail(ErrorKind::Integrity, fmt::format("hash mismatch on {}: expected sha256 {} ({} bytes), got {} bytes "
                                                      "with another hash", source.describe(path), info.sha256,
                                                      info.length, size));
    }
    fs::rename(part, dest, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot rename: {}", part.string(), ec.message()));
    ++result.downloaded;
    result.bytes_downloaded += info.length;
    run.new_files.push_back(dest);
    return {};
}

/// Removes files of staging that are not targets (leftovers of an older interrupted run).
void remove_strays(const fs::path& staging, const std::map<std::string, TargetFile>& targets) {
    std::vector<fs::path> strays;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(staging, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string rel = it->path().lexically_relative(staging).generic_string();
        if (!it->is_directory(ec) && !targets.contains(rel)) strays.push_back(it->path());
    }
    for (const auto& p : strays) fs::remove(p, ec);
}

/// metadata/ of the new generation: the verified role files and every versioned root.
Expected<void> write_metadata(RepoSource& source, const fs::path& staging, const UpdatedMetadata& meta,
                              const std::optional<fs::path>& current, std::vector<fs::path>& new_files) {
    fs::path dir = staging / "metadata";
    util::remove_tree_quiet(dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::map<std::string, std::string> files = {{"root.json", meta.root_text}, {"timestamp.json", meta.timestamp_text},
                                                {"snapshot.json", meta.snapshot_text}, {"targets.json", meta.targets_text}};
    for (const auto& [version, text] : meta.roots) files[fmt::format("{}.root.json", version)] = text;
    files[fmt::format("{}.root.json", meta.root.version)] = meta.root_text;
    for (uint64_t v = 1; v < meta.root.version; ++v) {
        std::string name = fmt::format("{}.root.json", v);
        if (files.contains(name)) continue;
        if (current && fs::exists(*current / "metadata" / name, ec)) {
            if (auto ok = link_or_copy(*current / "metadata" / name, dir / name); !ok) return ok;
            continue;
        }
        auto text = source.read("metadata/" + name, k_max_root_bytes);
        if (!text) return tl::unexpected(text.error());
        if (*text) files[name] = **text;  // older roots are history; clients start from their own trusted root
    }
    for (const auto& [name, text] : files) {
        if (auto ok = write_new_file(dir / name, text); !ok) return ok;
        new_files.push_back(dir / name);
    }
    return {};
}

}  // namespace

Expected<MirrorResult> mirror_repository(const MirrorOptions& o, fetch::Downloader& downloader) {
    auto initial_root = util::read_file(o.trusted_root);
    if (!initial_root) return fail(ErrorKind::Usage, fmt::format("--root: {}", initial_root.error().message));
    auto repo = GenerationTree::open(o.dest);
    if (!repo) return tl::unexpected(repo.error());
    fs::path state_dir = trust_state_dir(repo->root() / "trust", *initial_root);
    auto state = TrustState::load(state_dir);
    if (!state) return tl::unexpected(state.error());
    auto source = open_source(o.source, downloader, o.source_options);
    if (!source) return tl::unexpected(source.error());
    auto meta = update_metadata(**source, *state ? (*state)->root_text : *initial_root,
                                *state ? (*state)->versions : TrustedVersions{}, o.now.value_or(now_utc()));
    if (!meta) return tl::unexpected(meta.error());

    MirrorResult result;
    result.files = meta->targets.targets.size();
    result.timestamp_version = meta->timestamp.version;
    auto current = repo->current();
    if (current && util::read_file(*current / "metadata" / "timestamp.json").value_or("") == meta->timestamp_text) {
        result.up_to_date = true;
        result.generation = *current;
        return TrustState{meta->root_text, meta->versions()}.save(state_dir).map([&] { return result; });
    }
    auto staging = repo->staging(false);
    if (!staging) return tl::unexpected(staging.error());
    auto current_targets = current ? PublishedMetadata::load(*current).targets : std::nullopt;
    MirrorRun run{**source, *staging, current, current_targets ? current_targets->targets : std::map<std::string, TargetFile>{},
                  result, {}};
    remove_strays(*staging, meta->targets.targets);
    for (const auto& [path, info] : meta->targets.targets) {
        if (util::interrupted()) return fail(ErrorKind::Interrupted, "mirror interrupted; run it again to resume");
        if (auto ok = stage_target(run, path, info); !ok) return tl::unexpected(ok.error());
    }
    if (auto ok = write_metadata(**source, *staging, *meta, current, run.new_files); !ok) return tl::unexpected(ok.error());
    auto generation = repo->activate_staging(run.new_files);
    if (!generation) return tl::unexpected(generation.error());
    repo->prune(o.keep_generations);
    result.generation = *generation;
    if (auto ok = TrustState{meta->root_text, meta->versions()}.save(state_dir); !ok) return tl::unexpected(ok.error());
    return result;
}

}  // namespace wb::index
