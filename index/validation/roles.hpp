#pragma once
// The four TUF-style roles' metadata as value types: root (keys, thresholds), targets (every file
// of the tree with length and sha256), snapshot (the targets.json version) and timestamp (the
// snapshot.json version), each with a version that only grows and an expiry date.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/validation/keys.hpp"
#include "util/error.hpp"

namespace wb::index {

enum class Role { Root, Targets, Snapshot, Timestamp };

using TimePoint = std::chrono::sys_seconds;

/// "root", "targets", "snapshot", "timestamp".
std::string role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
/// The metadata file of a role: "root.json", "targets.json", ...
std::string role_file(Role role);
inline constexpr Role k_all_roles[] = {Role::Root, Role::Targets, Role::Snapshot, Role::Timestamp};

/// "2030-01-31T12:00:00Z".
std::string format_utc(TimePoint time);
Expected<TimePoint> parse_utc(std::string_view text);
TimePoint now_utc();

struct RoleKeys {
    std::vector<std::string> key_ids;
    uint64_t threshold = 1;
    bool operator==(const RoleKeys&) const = default;
};

struct RootMeta {
    uint64_t version = 1;
    TimePoint expires{};
    std::map<std::string, PublicKey> keys;  ///< by key id
    std::map<Role, RoleKeys> roles;

    /// Parses the "signed" part of root.json; where names the file in errors.
    static Expected<RootMeta> parse(const nlohmann::json& signed_part, std::string_view where);
    nlohmann::json to_json() const;
    /// The keys and threshold of a role (every root lists all four).
    const RoleKeys& role(Role role) const { return roles.at(role); }
};

/// Length and sha256 of one file of the tree.
struct TargetFile {
    uint64_t length = 0;
    std::string sha256;
    bool operator==(const TargetFile&) const = default;
};

struct TargetsMeta {
    uint64_t version = 1;
    TimePoint expires{};
    std::map<std::string, TargetFile> targets;  ///< by path relative to the tree root

    static Expected<TargetsMeta> parse(const nlohmann::json& signed_part, std::string_view where);
    nlohmann::json to_json() const;
};

/// What snapshot says of targets.json and timestamp says of snapshot.json.
struct MetaFileInfo {
    uint64_t version = 0;
    uint64_t length = 0;
    std::string sha256;
};

struct SnapshotMeta {
    uint64_t version = 1;
    TimePoint expires{};
    std::map<std::string, MetaFileInfo> meta;  ///< "targets.json" -> info

    static Expected<SnapshotMeta> parse(const nlohmann::json& signed_part, std::string_view where);
    nlohmann::json to_json() const;
};

struct TimestampMeta {
    uint64_t version = 1;
    TimePoint expires{};
    MetaFileInfo snapshot;

    static Expected<TimestampMeta> parse(const nlohmann::json& signed_part, std::string_view where);
    nlohmann::json to_json() const;
};

}  // namespace wb::index
