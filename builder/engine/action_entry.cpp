#include "engine/action_entry.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "util/hash.hpp"

namespace wb::engine {

namespace {

constexpr const char* k_format = "wasm-build-action-1";

util::Expected<void> check_path(const std::string& path) {
    std::filesystem::path p(path);
    bool ok = !path.empty() && p.is_relative() && path.find('\\') == std::string::npos;
    for (const auto& part : p) ok = ok && part != ".." && part != "." && !part.empty();
    if (!ok) {
        return util::fail(util::ErrorKind::Integrity, fmt::format("object path '{}' leaves the build directory", path));
    }
    return {};
}

}  // namespace

std::string object_storage_key(const std::string& sha256) { return "objects/" + sha256.substr(0, 2) + "/" + sha256; }

std::string action_storage_key(const std::string& key) { return "actions/" + key.substr(0, 2) + "/" + key + ".json"; }

std::string ActionEntry::to_text() const {
    nlohmann::json objs = nlohmann::json::array();
    for (const auto& o : objects) {
        objs.push_back({{"role", o.role == ObjectRef::Role::Tree ? "tree" : "file"},
                        {"path", o.path},
                        {"sha256", o.sha256},
                        {"size", o.size}});
    }
    nlohmann::json j = {{"format", k_format}, {"name", name}, {"key", key}, {"result", result}, {"objects", objs}};
    return j.dump(2) + "\n";
}

util::Expected<ActionEntry> ActionEntry::parse(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    auto bad = [](const std::string& why) {
        return util::fail(util::ErrorKind::Integrity, "malformed remote cache entry: " + why);
    };
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    try {
        if (j.at("format").get<std::string>() != k_format) return bad("unknown format " + j.at("format").dump());
        ActionEntry e;
        e.name = j.at("name").get<std::string>();
        e.key = j.at("key").get<std::string>();
        e.result = j.at("result");
        if (!util::is_sha256_hex(e.key)) return bad("key is not a sha256");
        if (!e.result.is_object()) return bad("result is not an object");
        int trees = 0;
        for (const auto& o : j.at("objects")) {
            ObjectRef ref;
            std::string role = o.at("role").get<std::string>();
            if (role != "file" && role != "tree") return bad("object role '" + role + "'");
            ref.role = role == "tree" ? ObjectRef::Role::Tree : ObjectRef::Role::File;
            ref.path = o.at("path").get<std::string>();
            ref.sha256 = o.at("sha256").get<std::string>();
            ref.size = o.at("size").get<uint64_t>();
            if (!util::is_sha256_hex(ref.sha256)) return bad("object hash '" + ref.sha256 + "'");
            if (ref.role == ObjectRef::Role::Tree && (++trees > 1 || !ref.path.empty())) return bad("tree objects");
            if (ref.role == ObjectRef::Role::File) {
                if (auto p = check_path(ref.path); !p) return tl::unexpected(p.error());
            }
            e.objects.push_back(std::move(ref));
        }
        return e;
    } catch (const nlohmann::json::exception& ex) {
        return bad(ex.what());
    }
}

}  // namespace wb::engine
