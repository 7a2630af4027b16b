#pragma once
// `wasm-build index mirror URL DIR`: replicates a published repository (directory or http(s)) into
// DIR. Everything is verified (signed metadata from a trusted root, every file's length and hash)
// in a staging directory before the new generation becomes visible; unchanged files are linked
// from the mirror's current generation once hashed again, and files an interrupted run already
// fetched are kept (hashed too).
#include <filesystem>
#include <optional>
#include <string>

#include "fetch/downloader.hpp"
#include "index/validation/repo_source.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

struct MirrorOptions {
    std::string source;                  ///< directory or http(s) URL of the published tree
    std::filesystem::path dest;          ///< the mirror's served path
    std::filesystem::path trusted_root;  ///< root.json the mirror trusts
    std::optional<TimePoint> now;
    SourceOptions source_options;
    size_t keep_generations = 3;
};

struct MirrorResult {
    std::filesystem::path generation;
    bool up_to_date = false;   ///< nothing changed since the last mirror run
    size_t files = 0;
    size_t downloaded = 0;
    size_t linked = 0;         ///< unchanged, linked from the current generation
    size_t resumed = 0;        ///< fetched by an interrupted run and kept
    uint64_t bytes_downloaded = 0;
    uint64_t timestamp_version = 0;
};

Expected<MirrorResult> mirror_repository(const MirrorOptions& options, fetch::Downloader& downloader);

}  // namespace wb::index
