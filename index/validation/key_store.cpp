#include "index/validation/key_store.hpp"

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using nlohmann::json;
using util::ErrorKind;
using util::fail;

namespace {

constexpr const char* k_config = "keys.json";

/// Generates count keys for role, saved as <role>-<n>.pem with n after any existing number.
Expected<json> make_role_keys(const fs::path& dir, Role role, int count, uint64_t threshold) {
    json files = json::array();
    for (int n = 1; files.size() < static_cast<size_t>(count); ++n) {
        fs::path file = dir / fmt::format("{}-{}.pem", role_name(role), n);
        if (fs::exists(file)) continue;
        auto key = PrivateKey::generate();
        if (!key) return tl::unexpected(key.error());
        if (auto r = key->save_pem(file); !r) return tl::unexpected(r.error());
        files.push_back(file.filename().string());
    }
    return json{{"keys", files}, {"threshold", threshold}};
}

Expected<json> read_config(const fs::path& dir) {
    auto text = util::read_file(dir / k_config);
    if (!text) return fail(ErrorKind::Input, fmt::format("{}: no key directory here ({} is missing); run "
                                                         "`wasm-build index keygen --out {}`",
                                                         dir.string(), k_config, dir.string()));
    json config = json::parse(*text, nullptr, false);
    if (!config.is_object()) return fail(ErrorKind::Input, fmt::format("{}: not a JSON object", (dir / k_config).string()));
    return config;
}

Expected<void> retire_role(const fs::path& dir, const json& entry) {
    std::error_code ec;
    fs::create_directories(dir / "retired", ec);
    ::chmod((dir / "retired").c_str(), 0700);
    for (const auto& name : entry.value("keys", json::array())) {
        fs::path from = dir / name.get<std::string>();
        auto key = PrivateKey::load_pem(from);
        if (!key) return tl::unexpected(key.error());
        fs::path to = dir / "retired" / (key->key_id().substr(0, 16) + ".pem");
        fs::rename(from, to, ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot move to {}: {}", from.string(), to.string(), ec.message()));
    }
    return {};
}

}  // namespace

Expected<void> generate_keys(const KeygenOptions& options) {
    const fs::path& dir = options.out;
    if (options.root_keys < 1 || options.root_threshold < 1 || options.root_threshold > options.root_keys) {
        return fail(ErrorKind::Usage, fmt::format("keygen: root threshold {} must be between 1 and the number of root "
                                                  "keys ({})", options.root_threshold, options.root_keys));
    }
    bool existing = fs::exists(dir / k_config);
    if (existing && options.rotate.empty()) {
        return fail(ErrorKind::Usage, fmt::format("{}: already holds keys; pass --rotate ROLE to replace a role's keys",
                                                  dir.string()));
    }
    if (!existing && !options.rotate.empty()) {
        return fail(ErrorKind::Usage, fmt::format("{}: no keys to rotate ({} is missing)", dir.string(), k_config));
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    ::chmod(dir.c_str(), 0700);
    json config = json::object();
    if (existing) {
        auto read = read_config(dir);
        if (!read) return tl::unexpected(read.error());
        config = *read;
    }
    for (Role role : k_all_roles) {
        bool rotate = std::find(options.rotate.begin(), options.rotate.end(), role) != options.rotate.end();
        if (existing && !rotate) continue;
        std::string name = role_name(role);
        if (existing) {
            if (auto r = retire_role(dir, config.value(name, json::object())); !r) return r;
        }
        bool is_root = role == Role::Root;
        uint64_t threshold = is_root ? static_cast<uint64_t>(options.root_threshold) : 1;
        auto entry = make_role_keys(dir, role, is_root ? options.root_keys : 1, threshold);
        if (!entry) return tl::unexpected(entry.error());
        config[name] = *entry;
    }
    return util::write_file_atomic(dir / k_config, config.dump(2) + "\n");
}

Expected<KeySet> KeySet::load(const fs::path& dir) {
    auto config = read_config(dir);
    if (!config) return tl::unexpected(config.error());
    KeySet set;
    for (Role role : k_all_roles) {
        std::string name = role_name(role);
        const json& entry = (*config).contains(name) ? (*config)[name] : json();
        if (!entry.is_object() || !entry.contains("keys") || !entry["keys"].is_array() || entry["keys"].empty() ||
            !entry.contains("threshold") || !entry["threshold"].is_number_unsigned()) {
            return fail(ErrorKind::Input, fmt::format("{}: role {}: expected \"keys\" (file names) and \"threshold\"",
                                                      (dir / k_config).string(), name));
        }
        std::vector<PrivateKey> keys;
        for (const auto& file : entry["keys"]) {
            if (!file.is_string()) return fail(ErrorKind::Input, fmt::format("{}: role {}: key names must be strings", (dir / k_config).string(), name));
            auto key = PrivateKey::load_pem(dir / file.get<std::string>());
            if (!key) return tl::unexpected(key.error());
            keys.push_back(std::move(*key));
        }
        uint64_t threshold = entry["threshold"].get<uint64_t>();
        if (threshold == 0 || threshold > keys.size()) {
            return fail(ErrorKind::Input, fmt::format("{}: role {}: threshold {} but {} key(s)", (dir / k_config).string(),
                                                      name, threshold, keys.size()));
        }
        set.m_keys.emplace(role, std::move(keys));
        set.m_thresholds.emplace(role, threshold);
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "retired", ec)) {
        if (entry.path().extension() != ".pem") continue;
        auto key = PrivateKey::load_pem(entry.path());
        if (!key) return tl::unexpected(key.error());
        set.m_retired.push_back(std::move(*key));
    }
    return set;
}

RoleKeys KeySet::role_keys(Role role) const {
    RoleKeys rk;
    rk.threshold = threshold(role);
    for (const auto& key : keys(role)) rk.key_ids.push_back(key.key_id());
    std::sort(rk.key_ids.begin(), rk.key_ids.end());
    return rk;
}

const PrivateKey* KeySet::find(const std::string& key_id) const {
    for (const auto& [role, keys] : m_keys) {
        for (const auto& key : keys) {
            if (key.key_id() == key_id) return &key;
        }
    }
    for (const auto& key : m_retired) {
        if (key.key_id() == key_id) return &key;
    }
    return nullptr;
}

}  // namespace wb::index
