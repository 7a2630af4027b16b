#include "index/validation/roles.hpp"

#include <ctime>

#include <fmt/format.h>

#include "util/hash.hpp"

namespace wb::index {
using nlohmann::json;
using util::ErrorKind;
using util::fail;

namespace {

constexpr const char* k_spec_version = "1.0.31";

tl::unexpected<util::Error> bad(std::string_view where, std::string_view what) {
    return fail(ErrorKind::Integrity, fmt::format("{}: {}", where, what));
}

/// Checks _type and reads version and expires, common to every role.
Expected<void> parse_common(const json& s, Role role, std::string_view where, uint64_t& version, TimePoint& expires) {
    if (!s.is_object()) return bad(where, "expected a JSON object under \"signed\"");
    if (!s.contains("_type") || s["_type"] != role_name(role)) {
        return bad(where, fmt::format("expected \"_type\": \"{}\"", role_name(role)));
    }
    if (!s.contains("version") || !s["version"].is_number_unsigned() || s["version"].get<uint64_t>() == 0) {
        return bad(where, "expected \"version\": a positive integer");
    }
    version = s["version"].get<uint64_t>();
    if (!s.contains("expires") || !s["expires"].is_string()) return bad(where, "expected \"expires\": a date");
    auto when = parse_utc(s["expires"].get<std::string>());
    if (!when) return bad(where, when.error().message);
    expires = *when;
    return {};
}

json common(Role role, uint64_t version, TimePoint expires) {
    return {{"_type", role_name(role)}, {"spec_version", k_spec_version}, {"version", version},
            {"expires", format_utc(expires)}};
}

Expected<MetaFileInfo> parse_meta_info(const json& v, std::string_view where, std::string_view name) {
    if (!v.is_object() || !v.contains("version") || !v["version"].is_number_unsigned() || !v.contains("length") ||
        !v["length"].is_number_unsigned() || !v.contains("hashes") || !v["hashes"].is_object() ||
        !v["hashes"].contains("sha256") || !v["hashes"]["sha256"].is_string() ||
        !util::is_sha256_hex(v["hashes"]["sha256"].get<std::string>())) {
        return bad(where, fmt::format("meta \"{}\": expected version, length and hashes.sha256", name));
    }
    return MetaFileInfo{v["version"].get<uint64_t>(), v["length"].get<uint64_t>(),
                        v["hashes"]["sha256"].get<std::string>()};
}

json meta_info_json(const MetaFileInfo& info) {
    return {{"version", info.version}, {"length", info.length}, {"hashes", {{"sha256", info.sha256}}}};
}

}  // namespace

std::string role_name(Role role) {
    switch (role) {
        case Role::Root: return "root";
        case Role::Targets: return "targets";
        case Role::Snapshot: return "snapshot";
        case Role::Timestamp: return "timestamp";
    }
    return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
    for (Role r : k_all_roles) {
        if (role_name(r) == name) return r;
    }
    return std::nullopt;
}

std::string role_file(Role role) { return role_name(role) + ".json"; }

std::string format_utc(TimePoint time) {
    std::time_t t = time.time_since_epoch().count();
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Expected<TimePoint> parse_utc(std::string_view text) {
    std::tm tm{};
    int consumed = 0;
    std::string s(text);
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
        consumed != static_cast<int>(s.size()) || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
        tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
        return fail(ErrorKind::Integrity, fmt::format("\"{}\" is not a UTC date of the form YYYY-MM-DDTHH:MM:SSZ", text));
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return TimePoint(std::chrono::seconds(timegm(&tm)));
}

TimePoint now_utc() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

Expected<RootMeta> RootMeta::parse(const json& s, std::string_view where) {
    RootMeta root;
    if (auto r = parse_common(s, Role::Root, where, root.version, root.expires); !r) return tl::unexpected(r.error());
    if (!s.contains("keys") || !s["keys"].is_object() || !s.contains("roles") || !s["roles"].is_object()) {
        return bad(where, "expected \"keys\" and \"roles\" objects");
    }
    for (const auto& [id, value] : s["keys"].items()) {
        auto key = PublicKey::parse(value);
        if (!key) return bad(where, fmt::format("key {}: {}", id, key.error().message));
        if (key->key_id() != id) return bad(where, fmt::format("key id {} does not match its key", id));
        root.keys.emplace(id, *key);
    }
    for (Role role : k_all_roles) {
        std::string name = role_name(role);
        const json* r = s["roles"].contains(name) ? &s["roles"][name] : nullptr;
        if (!r || !r->is_object() || !r->contains("keyids") || !(*r)["keyids"].is_array() ||
            !r->contains("threshold") || !(*r)["threshold"].is_number_unsigned() ||
            (*r)["threshold"].get<uint64_t>() == 0) {
            return bad(where, fmt::format("role {}: expected \"keyids\" and a positive \"threshold\"", name));
        }
        RoleKeys keys;
        keys.threshold = (*r)["threshold"].get<uint64_t>();
        for (const auto& id : (*r)["keyids"]) {
            if (!id.is_string() || !root.keys.contains(id.get<std::string>())) {
                return bad(where, fmt::format("role {}: key id {} is not listed under \"keys\"", name, id.dump()));
            }
            keys.key_ids.push_back(id.get<std::string>());
        }
        root.roles.emplace(role, std::move(keys));
    }
    return root;
}

json RootMeta::to_json() const {
    json s = common(Role::Root, version, expires);
    s["consistent_snapshot"] = false;
    s["keys"] = json::object();
    for (const auto& [id, key] : keys) s["keys"][id] = key.to_json();
    s["roles"] = json::object();
    for (const auto& [role, rk] : roles) s["roles"][role_name(role)] = {{"keyids", rk.key_ids}, {"threshold", rk.threshold}};
    return s;
}

Expected<TargetsMeta> TargetsMeta::parse(const json& s, std::string_view where) {
    TargetsMeta t;
    if (auto r = parse_common(s, Role::Targets, where, t.version, t.expires); !r) return tl::unexpected(r.error());
    if (!s.contains("targets") || !s["targets"].is_object()) return bad(where, "expected a \"targets\" object");
    for (const auto& [path, v] : s["targets"].items()) {
        if (!v.is_object() || !v.contains("length") || !v["length"].is_number_unsigned() || !v.contains("hashes") ||
            !v["hashes"].is_object() || !v["hashes"].contains("sha256") || !v["hashes"]["sha256"].is_string() ||
            !util::is_sha256_hex(v["hashes"]["sha256"].get<std::string>())) {
            return bad(where, fmt::format("target \"{}\": expected length and hashes.sha256", path));
        }
        t.targets.emplace(path, TargetFile{v["length"].get<uint64_t>(), v["hashes"]["sha256"].get<std::string>()});
    }
    return t;
}

json TargetsMeta::to_json() const {
    json s = common(Role::Targets, version, expires);
    s["targets"] = json::object();
    for (const auto& [path, f] : targets) s["targets"][path] = {{"length", f.length}, {"hashes", {{"sha256", f.sha256}}}};
    return s;
}

Expected<SnapshotMeta> SnapshotMeta::parse(const json& s, std::string_view where) {
    SnapshotMeta m;
    if (auto r = parse_common(s, Role::Snapshot, where, m.version, m.expires); !r) return tl::unexpected(r.error());
    if (!s.contains("meta") || !s["meta"].is_object() || !s["meta"].contains("targets.json")) {
        return bad(where, "expected \"meta\" with an entry for targets.json");
    }
    for (const auto& [name, v] : s["meta"].items()) {
        auto info = parse_meta_info(v, where, name);
        if (!info) return tl::unexpected(info.error());
        m.meta.emplace(name, *info);
    }
    return m;
}

json SnapshotMeta::to_json() const {
    json s = common(Role::Snapshot, version, expires);
    s["meta"] = json::object();
    for (const auto& [name, info] : meta) s["meta"][name] = meta_info_json(info);
    return s;
}

Expected<TimestampMeta> TimestampMeta::parse(const json& s, std::string_view where) {
    TimestampMeta m;
    if (auto r = parse_common(s, Role::Timestamp, where, m.version, m.expires); !r) return tl::unexpected(r.error());
    if (!s.contains("meta") || !s["meta"].is_object() || !s["meta"].contains("snapshot.json")) {
        return bad(where, "expected \"meta\" with an entry for snapshot.json");
    }
    auto info = parse_meta_info(s["meta"]["snapshot.json"], where, "snapshot.json");
    if (!info) return tl::unexpected(info.error());
    m.snapshot = *info;
    return m;
}

json TimestampMeta::to_json() const {
    json s = common(Role::Timestamp, version, expires);
    s["meta"] = {{"snapshot.json", meta_info_json(snapshot)}};
    return s;
}

}  // namespace wb::index
