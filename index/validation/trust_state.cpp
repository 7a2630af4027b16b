#include "index/validation/trust_state.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "index/validation/strict_json.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using nlohmann::json;
using util::ErrorKind;
using util::fail;

Expected<std::optional<TrustState>> TrustState::load(const fs::path& dir) {
    fs::path file = dir / "state.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::optional<TrustState>();
    auto text = util::read_file(file);
    if (!text) return tl::unexpected(text.error());
    json doc = parse_strict_json(*text, file.string()).value_or(json());
    auto number = [&](const char* key) {
        return doc.contains("versions") && doc["versions"].is_object() && doc["versions"].contains(key) &&
               doc["versions"][key].is_number_unsigned();
    };
    if (!doc.is_object() || !doc.contains("root") || !doc["root"].is_string() || !number("timestamp") ||
        !number("snapshot") || !number("targets")) {
        return fail(ErrorKind::Input, fmt::format("{}: not a trust state (delete it to start again from the trusted "
                                                  "root)", file.string()));
    }
    TrustState state;
    state.root_text = doc["root"].get<std::string>();
    state.versions.timestamp = doc["versions"]["timestamp"].get<uint64_t>();
    state.versions.snapshot = doc["versions"]["snapshot"].get<uint64_t>();
    state.versions.targets = doc["versions"]["targets"].get<uint64_t>();
    const json& hashes = doc.contains("sha256") && doc["sha256"].is_object() ? doc["sha256"] : json::object();
    auto hash = [&](const char* key) {
        return hashes.contains(key) && hashes[key].is_string() ? hashes[key].get<std::string>() : std::string();
    };
    state.versions.timestamp_sha256 = hash("timestamp");
    state.versions.snapshot_sha256 = hash("snapshot");
    state.versions.targets_sha256 = hash("targets");
    return std::optional<TrustState>(std::move(state));
}

Expected<void> TrustState::save(const fs::path& dir) const {
    json doc = {{"root", root_text},
                {"versions", {{"timestamp", versions.timestamp}, {"snapshot", versions.snapshot},
                              {"targets", versions.targets}}},
                {"sha256", {{"timestamp", versions.timestamp_sha256}, {"snapshot", versions.snapshot_sha256},
                            {"targets", versions.targets_sha256}}}};
    return util::write_file_atomic(dir / "state.json", doc.dump(2) + "\n");
}

fs::path default_trust_root(const util::Environment& env) {
    std::string xdg = util::env_or(env, "XDG_CACHE_HOME");
    if (!xdg.empty()) return fs::path(xdg) / "wasm-build" / "trust";
    return fs::path(util::env_or(env, "HOME", ".")) / ".cache" / "wasm-build" / "trust";
}

fs::path trust_state_dir(const fs::path& state_root, const std::string& initial_root_text) {
    return state_root / util::sha256_hex(initial_root_text).substr(0, 16);
}

}  // namespace wb::index
