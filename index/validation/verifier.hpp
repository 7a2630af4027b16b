#pragma once
// `wasm-build index verify`: the client side. Updates the signed metadata from a trusted root (see
// metadata_client.hpp), then checks the length and sha256 of every file targets.json lists (and, for
// a directory, that no unlisted file is there), and remembers the versions it accepted.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fetch/downloader.hpp"
#include "index/validation/repo_source.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

struct VerifyOptions {
    std::string source;                           ///< a directory or an http(s) URL
    std::filesystem::path trusted_root;           ///< the root.json the client trusts
    std::filesystem::path state;                  ///< where accepted versions are kept (the CLI: default_trust_root)
    bool check_files = true;                      ///< false: metadata only
    std::optional<TimePoint> now;                 ///< default: the clock
    SourceOptions source_options;
};

struct VerifyReport {
    uint64_t root_version = 0;
    uint64_t timestamp_version = 0;
    uint64_t snapshot_version = 0;
    uint64_t targets_version = 0;
    size_t files_checked = 0;
    uint64_t bytes_checked = 0;
};

/// Fails (ErrorKind::Integrity) with one line per problem found.
Expected<VerifyReport> verify_repository(const VerifyOptions& options, fetch::Downloader& downloader);

/// Checks every target's length and sha256 through source (a download kept under temp_root);
/// returns the problems found (at most max_problems), each naming the file.
std::vector<std::string> check_target_files(RepoSource& source, const std::map<std::string, TargetFile>& targets,
                                            const std::filesystem::path& temp_root, size_t max_problems,
                                            uint64_t* bytes_checked);

}  // namespace wb::index
