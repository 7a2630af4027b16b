#pragma once
// The remote cache's record of one finished build: key -> the build record (result.json) and the
// content-addressed objects that rebuild its directory (each wheel as a file object, everything else
// — a library's prefix, a cross environment, test files, the build log — as one tree archive).
// Objects live at objects/<sha[0:2]>/<sha>, entries at actions/<key[0:2]>/<key>.json; an entry is
// written only after all its objects, and never replaced.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace wb::engine {

struct ObjectRef {
    enum class Role { File, Tree };
    Role role = Role::File;
    std::string path;    ///< File: where it goes in the build directory ("dist/x.whl"); Tree: empty
    std::string sha256;  ///< of the object's bytes
    uint64_t size = 0;
};

struct ActionEntry {
    std::string name;
    std::string key;
    nlohmann::json result;  ///< the build record as result.json holds it (without machine paths)
    std::vector<ObjectRef> objects;

    std::string to_text() const;
    /// Strict: the format tag, name and key, hex hashes, relative product paths that stay inside.
    static util::Expected<ActionEntry> parse(std::string_view text);
};

std::string object_storage_key(const std::string& sha256);
std::string action_storage_key(const std::string& key);

}  // namespace wb::engine
