#pragma once
// `wasm-build index publish`: from a directory of wheels (and the recipes' metadata) to a signed
// repository tree (lock file, simple pages, PEP 658 metadata, SQLite database, TUF-style roles),
// published atomically as a new generation and incrementally from the previous one.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "index/publish/lock_file.hpp"
#include "index/publish/repo_signer.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

struct PublishOptions {
    std::filesystem::path wheels_dir;
    std::filesystem::path out;       ///< the served path (becomes a symlink to the generation)
    std::filesystem::path keys_dir;
    /// The recipes' metadata; when unset, wheels_dir/packages.json is used if present.
    std::optional<std::filesystem::path> recipes_metadata;
    LockInfo info;
    /// "https://host/path/": the simple pages link files by absolute URL under it (empty: relative).
    std::string base_url;
    ExpiryPolicy expiry;
    std::optional<TimePoint> now;    ///< the signing time (tests); default: the clock
    size_t keep_generations = 3;
    std::filesystem::path temp_root = "/tmp";  ///< for scratch files (the CLI gives TMPDIR)
};

struct PublishResult {
    std::filesystem::path generation;
    size_t wheels = 0;
    size_t reused_records = 0;  ///< wheels not re-inspected (same hash as last time)
    size_t files_written = 0;
    size_t files_linked = 0;    ///< unchanged files hard-linked from the previous generation
    uint64_t root_version = 0;
    uint64_t targets_version = 0;
    uint64_t snapshot_version = 0;
    uint64_t timestamp_version = 0;
    std::vector<std::string> warnings;
};

Expected<PublishResult> publish(const PublishOptions& options);

}  // namespace wb::index
