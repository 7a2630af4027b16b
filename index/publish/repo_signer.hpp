#pragma once
// Publish-side signing: given the keys, the metadata of the generation being replaced and the new
// tree's files, produces the new root (only when keys changed or it nears expiry), targets (only
// when the file set changed or it nears expiry), snapshot and timestamp, with versions that only grow.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "index/validation/key_store.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

/// How long each role's metadata stays valid after it is signed.
struct ExpiryPolicy {
    std::map<Role, std::chrono::seconds> periods = {
        {Role::Root, std::chrono::days(365)},
        {Role::Targets, std::chrono::days(90)},
        {Role::Snapshot, std::chrono::days(7)},
        {Role::Timestamp, std::chrono::days(1)},
    };
    /// Applies "ROLE=DURATION" where DURATION is N followed by s, m, h or d ("timestamp=12h").
    Expected<void> set(std::string_view assignment);
};

/// The signed state of a published generation, as the next publish starts from.
struct PublishedMetadata {
    std::optional<RootMeta> root;
    std::optional<TargetsMeta> targets;
    uint64_t snapshot_version = 0;
    uint64_t timestamp_version = 0;
    std::string targets_text;  ///< targets.json as published, reused when unchanged
    uint64_t targets_floor = 0;  ///< the highest targets version ever published (see versions file)

    /// True when targets_text carries threshold-many valid signatures by keys' targets keys (the
    /// previous tree may have been changed on disk: only then is its text reused or its listing believed).
    bool targets_signed_by(const KeySet& keys) const;
    /// Reads generation/metadata/; missing or unreadable files leave the fields empty.
    static PublishedMetadata load(const std::filesystem::path& generation);
    /// Raises the versions to those of a versions file (written by save_versions), so versions keep
    /// growing even when the repository tree was lost or restored from an old copy.
    void raise_to(const std::filesystem::path& versions_file);
};

/// Records the versions just published (in the key directory, beside the keys that signed them).
Expected<void> save_versions(const std::filesystem::path& versions_file, uint64_t targets, uint64_t snapshot,
                             uint64_t timestamp);

/// The metadata files of a new generation, by name under metadata/.
struct SignedMetadata {
    std::map<std::string, std::string> files;  ///< root.json, N.root.json (new only), targets.json, ...
    uint64_t root_version = 0;
    uint64_t targets_version = 0;
    uint64_t snapshot_version = 0;
    uint64_t timestamp_version = 0;
};

Expected<SignedMetadata> sign_repository(const KeySet& keys, const PublishedMetadata& previous,
                                         const std::map<std::string, TargetFile>& targets,
                                         const ExpiryPolicy& expiry, TimePoint now);

}  // namespace wb::index
