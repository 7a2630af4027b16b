#pragma once
// The client's update of signed metadata, starting from a trusted root: walks the versioned roots
// (each signed by the old and by its own threshold), then timestamp, snapshot and targets, checking
// signatures, thresholds, expiry, hashes and lengths, and that no version goes backwards.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "index/validation/repo_source.hpp"
#include "index/validation/roles.hpp"
#include "index/validation/trust_state.hpp"

namespace wb::index {

/// Size caps for metadata whose length no signed parent gives (snapshot.json's comes from
/// timestamp.json, targets.json's from snapshot.json): checked before a byte is parsed.
inline constexpr uint64_t k_max_root_bytes = 128 * 1024;
inline constexpr uint64_t k_max_timestamp_bytes = 16 * 1024;

struct UpdatedMetadata {
    RootMeta root;
    std::string root_text;                                 ///< the newest root, verbatim
    std::vector<std::pair<uint64_t, std::string>> roots;   ///< versioned roots read (after the trusted one)
    TimestampMeta timestamp;
    std::string timestamp_text;
    SnapshotMeta snapshot;
    std::string snapshot_text;
    TargetsMeta targets;
    std::string targets_text;

    /// The versions to remember for the next run.
    TrustedVersions versions() const;
};

/// Parses and self-checks a root file the user trusts; where names it in errors.
Expected<RootMeta> parse_trusted_root(const std::string& text, std::string_view where);

/// Runs the update; trusted holds the versions accepted last time (zeros on the first run).
Expected<UpdatedMetadata> update_metadata(RepoSource& source, const std::string& trusted_root_text,
                                          TrustedVersions trusted, TimePoint now);

}  // namespace wb::index
