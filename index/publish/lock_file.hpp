#pragma once
// The repository's pyodide-lock.json: the schema Pyodide's loader and micropip read ("info" with
// arch, platform, version, python, abi_version; "packages" keyed by normalized name).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace wb::index {

using util::Expected;

struct LockInfo {
    std::string arch = "wasm32";
    std::string platform = "emscripten_5_0_3";
    std::string version;  ///< the runtime (Pyodide) version, written only when set (Pyodide 314's lock has none)
    std::string python = "3.14.2";
    std::string abi_version = "2026_0";
    bool operator==(const LockInfo&) const = default;
};

struct LockPackage {
    std::string name;
    std::string version;
    std::string file_name;
    std::string install_dir = "site";
    std::string sha256;
    std::string package_type = "package";
    std::vector<std::string> imports;
    std::vector<std::string> depends;  ///< normalized names of packages in the same lock file
    bool unvendored_tests = false;
    bool shared_library = false;
    bool operator==(const LockPackage&) const = default;
};

/// The package types Pyodide knows.
bool is_known_package_type(std::string_view type);

struct LockFile {
    LockInfo info;
    std::map<std::string, LockPackage> packages;  ///< by normalized name

    /// Parses and checks a lock file strictly (unknown keys, wrong types and missing fields fail);
    /// where names the file in errors.
    static Expected<LockFile> parse(std::string_view text, std::string_view where);
    nlohmann::json to_json() const;
    /// The file text: stable key order, two-space indentation, trailing newline.
    std::string str() const;
};

}  // namespace wb::index
