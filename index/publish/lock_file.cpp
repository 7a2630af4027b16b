#include "index/publish/lock_file.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "index/validation/strict_json.hpp"
#include "util/hash.hpp"

namespace wb::index {
using nlohmann::json;
using util::ErrorKind;

namespace {

/// Reads an object's fields strictly: each typed read checks presence and type, and finish()
/// reports keys that no read asked for.
class FieldReader {
public:
    FieldReader(const json& object, std::string where) : m_object(object), m_where(std::move(where)) {}

    template <class T>
    void read(const char* key, T& out, bool required = true) {
        m_seen.insert(key);
        if (!m_object.contains(key)) {
            if (required) error(fmt::format("missing \"{}\"", key));
            return;
        }
        const json& v = m_object[key];
        bool ok = false;
        if constexpr (std::is_same_v<T, std::string>) ok = v.is_string();
        if constexpr (std::is_same_v<T, bool>) ok = v.is_boolean();
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            ok = v.is_array() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); });
        }
        if (!ok) return error(fmt::format("\"{}\" has the wrong type", key));
        out = v.get<T>();
    }

    void error(std::string what) {
        if (m_error.empty()) m_error = fmt::format("{}: {}", m_where, what);
    }

    /// The first problem found, including unknown keys; empty when none.
    std::string finish() {
        for (const auto& [key, _] : m_object.items()) {
            if (!m_seen.contains(key)) error(fmt::format("unknown key \"{}\"", key));
        }
        return m_error;
    }

private:
    const json& m_object;
    std::string m_where;
    std::set<std::string> m_seen;
    std::string m_error;
};

std::string check_package(const std::string& key, const json& v, LockPackage& p, std::string_view where) {
    if (!v.is_object()) return fmt::format("{}: packages.{}: expected an object", where, key);
    FieldReader r(v, fmt::format("{}: packages.{}", where, key));
    r.read("name", p.name);
    r.read("version", p.version);
    r.read("file_name", p.file_name);
    r.read("install_dir", p.install_dir);
    r.read("sha256", p.sha256);
    r.read("package_type", p.package_type, false);
    r.read("imports", p.imports);
    r.read("depends", p.depends);
    r.read("unvendored_tests", p.unvendored_tests, false);
    r.read("shared_library", p.shared_library, false);
    if (!is_known_package_type(p.package_type)) r.error(fmt::format("unknown package_type \"{}\"", p.package_type));
    if (!p.sha256.empty() && !util::is_sha256_hex(p.sha256)) r.error("\"sha256\" is not 64 lowercase hex digits");
    return r.finish();
}

}  // namespace

bool is_known_package_type(std::string_view type) {
    return type == "package" || type == "cpython_module" || type == "shared_library" || type == "static_library";
}

Expected<LockFile> LockFile::parse(std::string_view text, std::string_view where) {
    auto parsed = parse_strict_json(text, where);
    if (!parsed) return tl::unexpected(parsed.error());
    const json& doc = *parsed;
    if (!doc.is_object()) return util::fail(ErrorKind::Integrity, fmt::format("{}: not a JSON object", where));
    LockFile lock;
    for (const auto& [key, _] : doc.items()) {
        if (key != "info" && key != "packages") {
            return util::fail(ErrorKind::Integrity, fmt::format("{}: unknown key \"{}\"", where, key));
        }
    }
    if (!doc.contains("info") || !doc["info"].is_object() || !doc.contains("packages") || !doc["packages"].is_object()) {
        return util::fail(ErrorKind::Integrity, fmt::format("{}: expected \"info\" and \"packages\" objects", where));
    }
    FieldReader info(doc["info"], fmt::format("{}: info", where));
    info.read("arch", lock.info.arch, false);
    info.read("platform", lock.info.platform);
    info.read("version", lock.info.version, false);  // Pyodide 314's own lock has none
    info.read("python", lock.info.python);
    info.read("abi_version", lock.info.abi_version, false);
    if (lock.info.arch != "wasm32" && lock.info.arch != "wasm64") info.error("\"arch\" must be wasm32 or wasm64");
    if (auto e = info.finish(); !e.empty()) return util::fail(ErrorKind::Integrity, e);
    for (const auto& [key, value] : doc["packages"].items()) {
        LockPackage package;
        if (auto e = check_package(key, value, package, where); !e.empty()) return util::fail(ErrorKind::Integrity, e);
        lock.packages.emplace(key, std::move(package));
    }
    return lock;
}

json LockFile::to_json() const {
    json j;
    j["info"] = {{"arch", info.arch}, {"platform", info.platform}, {"python", info.python},
                 {"abi_version", info.abi_version}};
    if (!info.version.empty()) j["info"]["version"] = info.version;
    j["packages"] = json::object();
    for (const auto& [key, p] : packages) {
        j["packages"][key] = {{"name", p.name},
                              {"version", p.version},
                              {"file_name", p.file_name},
                              {"install_dir", p.install_dir},
                              {"sha256", p.sha256},
                              {"package_type", p.package_type},
                              {"imports", p.imports},
                              {"depends", p.depends},
                              {"unvendored_tests", p.unvendored_tests},
                              {"shared_library", p.shared_library}};
    }
    return j;
}

std::string LockFile::str() const { return to_json().dump(2) + "\n"; }

}  // namespace wb::index
