#include "index/validation/metadata_client.hpp"

#include <fmt/format.h>

#include "index/validation/signer.hpp"
#include "util/hash.hpp"

namespace wb::index {
using util::ErrorKind;
using util::fail;

namespace {

constexpr uint64_t k_max_root_rotations = 1024;

tl::unexpected<util::Error> integrity(std::string message) { return fail(ErrorKind::Integrity, std::move(message)); }

Expected<std::string> read_required(RepoSource& source, const std::string& path, uint64_t max_bytes) {
    auto text = source.read(path, max_bytes);
    if (!text) return tl::unexpected(text.error());
    if (!*text) return integrity(fmt::format("{}: missing", source.describe(path)));
    return std::move(**text);
}

Expected<void> check_expiry(const std::string& file, TimePoint expires, TimePoint now) {
    if (expires <= now) {
        return integrity(fmt::format("{}: expired at {} (now {})", file, format_utc(expires), format_utc(now)));
    }
    return {};
}

Expected<void> check_rollback(const std::string& file, uint64_t trusted, uint64_t seen) {
    if (seen < trusted) return integrity(fmt::format("{}: rolled back from version {} to {}", file, trusted, seen));
    return {};
}

Expected<void> check_hash(const std::string& file, const std::string& text, const MetaFileInfo& expected) {
    std::string sha = util::sha256_hex(text);
    if (text.size() != expected.length || sha != expected.sha256) {
        return integrity(fmt::format("hash mismatch on {}: expected sha256 {} ({} bytes), got {} ({} bytes)", file,
                                     expected.sha256, expected.length, sha, text.size()));
    }
    return {};
}

/// A file of the version last accepted must be the very bytes accepted then: two different files
/// signed with one version mean a compromised key or a freeze attempt, not an update.
Expected<void> check_same_version(const std::string& file, uint64_t trusted, const std::string& trusted_sha256,
                                  uint64_t seen, const std::string& text) {
    if (seen != trusted || trusted_sha256.empty()) return {};
    std::string sha = util::sha256_hex(text);
    if (sha == trusted_sha256) return {};
    return integrity(fmt::format("{}: version {} is the version already trusted, but its bytes differ from the trusted "
                                 "copy (sha256 {}, trusted {})", file, seen, sha, trusted_sha256));
}

/// Follows N+1.root.json, N+2.root.json ... as long as they exist.
Expected<void> update_root(RepoSource& source, UpdatedMetadata& out, TrustedVersions& trusted) {
    RootMeta start = out.root;
    for (uint64_t i = 0; i < k_max_root_rotations; ++i) {
        uint64_t next = out.root.version + 1;
        std::string path = fmt::format("metadata/{}.root.json", next);
        auto text = source.read(path, k_max_root_bytes);
        if (!text) return tl::unexpected(text.error());
        if (!*text) break;
        std::string where = source.describe(path);
        auto env = SignedEnvelope::parse(**text, where);
        if (!env) return tl::unexpected(env.error());
        if (auto ok = check_role_signatures(*env, out.root, Role::Root, where + " (by the previous root's keys)"); !ok) return ok;
        auto root = RootMeta::parse(env->signed_part, where);
        if (!root) return tl::unexpected(root.error());
        if (auto ok = check_role_signatures(*env, *root, Role::Root, where + " (by its own keys)"); !ok) return ok;
        if (root->version != next) return integrity(fmt::format("{}: holds version {}, expected {}", where, root->version, next));
        out.root = std::move(*root);
        out.root_text = std::move(**text);
        out.roots.emplace_back(next, out.root_text);
    }
    // New timestamp or snapshot keys: forget their versions (recovery from a fast-forward attack).
    if (start.role(Role::Timestamp) != out.root.role(Role::Timestamp)) trusted.timestamp = 0;
    if (start.role(Role::Snapshot) != out.root.role(Role::Snapshot)) trusted.timestamp = trusted.snapshot = 0;
    if (start.role(Role::Targets) != out.root.role(Role::Targets)) trusted.targets = 0;
    return {};
}

template <class Meta>
Expected<Meta> read_role(RepoSource& source, const RootMeta& root, Role role, const std::string& text) {
    std::string where = source.describe("metadata/" + role_file(role));
    auto env = SignedEnvelope::parse(text, where);
    if (!env) return tl::unexpected(env.error());
    if (auto ok = check_role_signatures(*env, root, role, where); !ok) return tl::unexpected(ok.error());
    return Meta::parse(env->signed_part, where);
}

/// timestamp.json: signed by the timestamp keys, not older than last time, not expired.
Expected<void> update_timestamp(RepoSource& source, UpdatedMetadata& out, const TrustedVersions& trusted, TimePoint now) {
    const std::string file = "metadata/timestamp.json";
    auto text = read_required(source, file, k_max_timestamp_bytes);
    if (!text) return tl::unexpected(text.error());
    auto ts = read_role<TimestampMeta>(source, out.root, Role::Timestamp, *text);
    if (!ts) return tl::unexpected(ts.error());
    if (auto ok = check_rollback(file, trusted.timestamp, ts->version); !ok) return ok;
    if (auto ok = check_same_version(file, trusted.timestamp, trusted.timestamp_sha256, ts->version, *text); !ok) return ok;
    if (auto ok = check_rollback("metadata/snapshot.json (as timestamp.json lists it)", trusted.snapshot,
                                 ts->snapshot.version); !ok) {
        return ok;
    }
    if (auto ok = check_expiry(file, ts->expires, now); !ok) return ok;
    out.timestamp = std::move(*ts);
    out.timestamp_text = std::move(*text);
    return {};
}

/// snapshot.json: the bytes timestamp.json describes, signed, not older, not expired.
Expected<void> update_snapshot(RepoSource& source, UpdatedMetadata& out, const TrustedVersions& trusted, TimePoint now) {
    const std::string file = "metadata/snapshot.json";
    const MetaFileInfo& expected = out.timestamp.snapshot;
    auto text = read_required(source, file, expected.length);
    if (!text) return tl::unexpected(text.error());
    if (auto ok = check_hash(file, *text, expected); !ok) return ok;
    auto snap = read_role<SnapshotMeta>(source, out.root, Role::Snapshot, *text);
    if (!snap) return tl::unexpected(snap.error());
    if (snap->version != expected.version) {
        return integrity(fmt::format("{}: version {}, but timestamp.json says {}", file, snap->version, expected.version));
    }
    if (auto ok = check_rollback(file, trusted.snapshot, snap->version); !ok) return ok;
    if (auto ok = check_same_version(file, trusted.snapshot, trusted.snapshot_sha256, snap->version, *text); !ok) return ok;
    if (auto ok = check_rollback("metadata/targets.json (as snapshot.json lists it)", trusted.targets,
                                 snap->meta.at("targets.json").version); !ok) {
        return ok;
    }
    if (auto ok = check_expiry(file, snap->expires, now); !ok) return ok;
    out.snapshot = std::move(*snap);
    out.snapshot_text = std::move(*text);
    return {};
}

/// targets.json: the bytes snapshot.json describes, signed, not older, not expired, plain paths.
Expected<void> update_targets(RepoSource& source, UpdatedMetadata& out, const TrustedVersions& trusted, TimePoint now) {
    const std::string file = "metadata/targets.json";
    const MetaFileInfo& expected = out.snapshot.meta.at("targets.json");
    auto text = read_required(source, file, expected.length);
    if (!text) return tl::unexpected(text.error());
    if (auto ok = check_hash(file, *text, expected); !ok) return ok;
    auto targets = read_role<TargetsMeta>(source, out.root, Role::Targets, *text);
    if (!targets) return tl::unexpected(targets.error());
    if (targets->version != expected.version) {
        return integrity(fmt::format("{}: version {}, but snapshot.json says {}", file, targets->version, expected.version));
    }
    if (auto ok = check_rollback(file, trusted.targets, targets->version); !ok) return ok;
    if (auto ok = check_same_version(file, trusted.targets, trusted.targets_sha256, targets->version, *text); !ok) {
        return ok;
    }
    if (auto ok = check_expiry(file, targets->expires, now); !ok) return ok;
    for (const auto& [path, info] : targets->targets) {
        if (!is_safe_relative_path(path) || path.starts_with("metadata/")) {
            return integrity(fmt::format("{}: target path \"{}\" is not a plain path inside the tree", file, path));
        }
    }
    out.targets = std::move(*targets);
    out.targets_text = std::move(*text);
    return {};
}

}  // namespace

TrustedVersions UpdatedMetadata::versions() const {
    return {timestamp.version,          snapshot.version,          targets.version,
            util::sha256_hex(timestamp_text), util::sha256_hex(snapshot_text), util::sha256_hex(targets_text)};
}

Expected<RootMeta> parse_trusted_root(const std::string& text, std::string_view where) {
    auto env = SignedEnvelope::parse(text, where);
    if (!env) return tl::unexpected(env.error());
    auto root = RootMeta::parse(env->signed_part, where);
    if (!root) return tl::unexpected(root.error());
    if (auto ok = check_role_signatures(*env, *root, Role::Root, where); !ok) return tl::unexpected(ok.error());
    return root;
}

Expected<UpdatedMetadata> update_metadata(RepoSource& source, const std::string& trusted_root_text,
                                          TrustedVersions trusted, TimePoint now) {
    UpdatedMetadata out;
    auto root = parse_trusted_root(trusted_root_text, "trusted root");
    if (!root) return tl::unexpected(root.error());
    out.root = std::move(*root);
    out.root_text = trusted_root_text;
    if (auto ok = update_root(source, out, trusted); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_expiry(fmt::format("metadata/root.json version {}", out.root.version), out.root.expires, now); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = update_timestamp(source, out, trusted, now); !ok) return tl::unexpected(ok.error());
    if (auto ok = update_snapshot(source, out, trusted, now); !ok) return tl::unexpected(ok.error());
    if (auto ok = update_targets(source, out, trusted, now); !ok) return tl::unexpected(ok.error());
    return out;
}

}  // namespace wb::index
