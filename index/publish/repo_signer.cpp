#include "index/publish/repo_signer.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "index/validation/signer.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

template <class Meta>
std::optional<Meta> load_role(const fs::path& file) {
    auto text = util::read_file(file);
    if (!text) return std::nullopt;
    auto env = SignedEnvelope::parse(*text, file.string());
    if (!env) return std::nullopt;
    auto meta = Meta::parse(env->signed_part, file.string());
    if (!meta) return std::nullopt;
    return *meta;
}

std::vector<const PrivateKey*> role_signers(const KeySet& keys, Role role) {
    std::vector<const PrivateKey*> signers;
    for (const auto& key : keys.keys(role)) signers.push_back(&key);
    return signers;
}

bool near_expiry(TimePoint expires, std::chrono::seconds period, TimePoint now) { return expires < now + period / 2; }

/// The keys that sign a new root: the new root keys, plus enough old root keys (current or
/// retired) to meet the old root's threshold when the root keys changed.
Expected<std::vector<const PrivateKey*>> root_signers(const KeySet& keys, const std::optional<RootMeta>& old) {
    auto signers = role_signers(keys, Role::Root);
    if (!old) return signers;
    std::set<std::string> ids;
    for (const PrivateKey* k : signers) ids.insert(k->key_id());
    uint64_t old_signers = 0;
    for (const std::string& id : old->role(Role::Root).key_ids) {
        const PrivateKey* key = keys.find(id);
        if (!key) continue;
        ++old_signers;
        if (ids.insert(id).second) signers.push_back(key);
    }
    if (old_signers < old->role(Role::Root).threshold) {
        return fail(ErrorKind::Input,
                    fmt::format("the root keys changed: root version {} must also be signed by {} of the old root keys, "
                                "but only {} of them are in the key directory (current or retired/)",
                                old->version + 1, old->role(Role::Root).threshold, old_signers));
    }
    return signers;
}

MetaFileInfo describe(uint64_t version, const std::string& text) {
    return MetaFileInfo{version, text.size(), util::sha256_hex(text)};
}

}  // namespace

Expected<void> ExpiryPolicy::set(std::string_view assignment) {
    auto eq = assignment.find('=');
    auto role = parse_role(assignment.substr(0, eq));
    std::string value(eq == std::string_view::npos ? "" : assignment.substr(eq + 1));
    size_t used = 0;
    long long n = -1;
    try {
        n = std::stoll(value, &used);
    } catch (...) {
    }
    static const std::map<std::string, long long> k_units = {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};
    auto unit = k_units.find(value.substr(used));
    if (!role || n < 0 || used == 0 || unit == k_units.end()) {
        return fail(ErrorKind::Usage, fmt::format("--expires \"{}\": expected ROLE=N(s|m|h|d) with ROLE one of root, "
                                                  "targets, snapshot, timestamp", assignment));
    }
    periods[*role] = std::chrono::seconds(n * unit->second);
    return {};
}

PublishedMetadata PublishedMetadata::load(const fs::path& generation) {
    PublishedMetadata m;
    fs::path dir = generation / "metadata";
    m.root = load_role<RootMeta>(dir / "root.json");
    m.targets = load_role<TargetsMeta>(dir / "targets.json");
    if (m.targets) m.targets_text = util::read_file(dir / "targets.json").value_or("");
    if (auto s = load_role<SnapshotMeta>(dir / "snapshot.json")) m.snapshot_version = s->version;
    if (auto t = load_role<TimestampMeta>(dir / "timestamp.json")) m.timestamp_version = t->version;
    return m;
}

bool PublishedMetadata::targets_signed_by(const KeySet& keys) const {
    if (!targets || targets_text.empty()) return false;
    auto envelope = SignedEnvelope::parse(targets_text, "previous metadata/targets.json");
    if (!envelope) return false;
    std::map<std::string, PublicKey> public_keys;
    for (const auto& key : keys.keys(Role::Targets)) public_keys.emplace(key.key_id(), key.public_key());
    return check_signatures(*envelope, public_keys, keys.role_keys(Role::Targets), "previous targets.json").has_value();
}

void PublishedMetadata::raise_to(const fs::path& versions_file) {
    auto text = util::read_file(versions_file);
    if (!text) return;
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    auto version = [&](const char* key) {
        return doc.is_object() && doc.contains(key) && doc[key].is_number_unsigned() ? doc[key].get<uint64_t>() : 0;
    };
    targets_floor = std::max(targets_floor, version("targets"));
    snapshot_version = std::max(snapshot_version, version("snapshot"));
    timestamp_version = std::max(timestamp_version, version("timestamp"));
}

Expected<void> save_versions(const fs::path& versions_file, uint64_t targets, uint64_t snapshot, uint64_t timestamp) {
    nlohmann::json doc = {{"targets", targets}, {"snapshot", snapshot}, {"timestamp", timestamp}};
    return util::write_file_atomic(versions_file, doc.dump(2) + "\n");
}

namespace {

/// The root for these keys: the previous one when nothing changed and it is far from expiry,
/// else the next version, signed (its files added to out).
Expected<RootMeta> sign_root(const KeySet& keys, const std::optional<RootMeta>& old, const ExpiryPolicy& expiry,
                             TimePoint now, SignedMetadata& out) {
    RootMeta root;
    for (Role role : k_all_roles) {
        root.roles[role] = keys.role_keys(role);
        for (const auto& key : keys.keys(role)) root.keys.emplace(key.key_id(), key.public_key());
    }
    if (old && old->roles == root.roles && !near_expiry(old->expires, expiry.periods.at(Role::Root), now)) return *old;
    root.version = old ? old->version + 1 : 1;
    root.expires = now + expiry.periods.at(Role::Root);
    auto signers = root_signers(keys, old);
    if (!signers) return tl::unexpected(signers.error());
    auto text = sign_metadata(root.to_json(), *signers);
    if (!text) return tl::unexpected(text.error());
    out.files["root.json"] = *text;
    out.files[fmt::format("{}.root.json", root.version)] = *text;
    return root;
}

/// targets.json: the previous file when the targets, their keys and the expiry allow, else the
/// next version (above every version ever published), signed.
Expected<void> sign_targets(const KeySet& keys, const PublishedMetadata& previous, const RootMeta& root,
                            const std::map<std::string, TargetFile>& targets, const ExpiryPolicy& expiry, TimePoint now,
                            SignedMetadata& out) {
    const auto& old = previous.targets;
    uint64_t old_version = old ? old->version : 0;
    bool keys_changed = !previous.root || previous.root->role(Role::Targets) != root.role(Role::Targets);
    if (old && old->targets == targets && !keys_changed && old_version >= previous.targets_floor &&
        !near_expiry(old->expires, expiry.periods.at(Role::Targets), now) && previous.targets_signed_by(keys)) {
        out.files["targets.json"] = previous.targets_text;
        out.targets_version = old_version;
        return {};
    }
    TargetsMeta t{std::max(old_version, previous.targets_floor) + 1, now + expiry.periods.at(Role::Targets), targets};
    auto text = sign_metadata(t.to_json(), role_signers(keys, Role::Targets));
    if (!text) return tl::unexpected(text.error());
    out.files["targets.json"] = *text;
    out.targets_version = t.version;
    return {};
}

}  // namespace

Expected<SignedMetadata> sign_repository(const KeySet& keys, const PublishedMetadata& previous,
                                         const std::map<std::string, TargetFile>& targets, const ExpiryPolicy& expiry,
                                         TimePoint now) {
    SignedMetadata out;
    auto root = sign_root(keys, previous.root, expiry, now, out);
    if (!root) return tl::unexpected(root.error());
    out.root_version = root->version;
    if (auto ok = sign_targets(keys, previous, *root, targets, expiry, now, out); !ok) return tl::unexpected(ok.error());
    const std::string& targets_text = out.files.at("targets.json");

    SnapshotMeta snapshot{previous.snapshot_version + 1, now + expiry.periods.at(Role::Snapshot),
                          {{"targets.json", describe(out.targets_version, targets_text)}}};
    auto snapshot_text = sign_metadata(snapshot.to_json(), role_signers(keys, Role::Snapshot));
    if (!snapshot_text) return tl::unexpected(snapshot_text.error());
    out.files["snapshot.json"] = *snapshot_text;
    out.snapshot_version = snapshot.version;

    TimestampMeta timestamp{previous.timestamp_version + 1, now + expiry.periods.at(Role::Timestamp),
                            describe(snapshot.version, *snapshot_text)};
    auto timestamp_text = sign_metadata(timestamp.to_json(), role_signers(keys, Role::Timestamp));
    if (!timestamp_text) return tl::unexpected(timestamp_text.error());
    out.files["timestamp.json"] = *timestamp_text;
    out.timestamp_version = timestamp.version;
    return out;
}

}  // namespace wb::index
