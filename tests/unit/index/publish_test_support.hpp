#pragma once
// Helpers for the repository-side tests: temporary directories, synthetic wheels written with the
// real wheel writer, key directories, and one-call publishing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "index/validation/key_store.hpp"
#include "index/publish/publisher.hpp"
#include "util/file_util.hpp"
#include "wheel/wheel_writer.hpp"

namespace wb::index::testing {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() : m_path(util::make_temp_dir(util::temp_root(util::current_environment()), "wb-index-test-").value()) {}
    ~TempDir() { util::remove_tree_quiet(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }
    fs::path operator/(const std::string& sub) const { return m_path / sub; }

private:
    fs::path m_path;
};

inline void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_text(const fs::path& path) { return util::read_file(path).value_or("<unreadable>"); }

/// Writes a pure-Python wheel holding <import>/__init__.py for each import name.
inline fs::path make_wheel(const fs::path& out_dir, const std::string& name, const std::string& version,
                           std::vector<std::string> requires_dist = {}, std::vector<std::string> imports = {},
                           const std::string& requires_python = ">=3.11") {
    static int counter = 0;
    fs::path staged = out_dir.parent_path() / ("staged-" + std::to_string(++counter));
    util::remove_tree_quiet(staged);
    if (imports.empty()) imports.push_back(specs::wheel_escape(name));
    for (const auto& i : imports) write_text(staged / i / "__init__.py", "VERSION = '" + version + "'\n");
    wheel::WheelSpec spec;
    spec.name = name;
    spec.version = version;
    spec.tag = specs::WheelTag::pure_python();
    spec.root_is_purelib = true;
    spec.requires_dist = std::move(requires_dist);
    spec.summary = "Synthetic package " + name;
    spec.requires_python = requires_python;
    fs::create_directories(out_dir);
    auto wheel = wheel::write_wheel(staged, spec, out_dir, 1700000000);
    util::remove_tree_quiet(staged);
    EXPECT_TRUE(wheel.has_value()) << (wheel ? "" : wheel.error().message);
    return wheel.value_or(fs::path());
}

inline fs::path make_keys(const fs::path& dir, int root_keys = 1, int threshold = 1) {
    KeygenOptions o;
    o.out = dir;
    o.root_keys = root_keys;
    o.root_threshold = threshold;
    auto ok = generate_keys(o);
    EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error().message);
    return dir;
}

/// A fixed signing time so expiry tests are exact.
inline TimePoint test_time() { return parse_utc("2030-01-01T00:00:00Z").value(); }

inline PublishOptions publish_options(const fs::path& wheels, const fs::path& out, const fs::path& keys) {
    PublishOptions o;
    o.wheels_dir = wheels;
    o.out = out;
    o.keys_dir = keys;
    o.now = test_time();
    return o;
}

inline PublishResult publish_ok(const PublishOptions& o) {
    auto r = publish(o);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r.value_or(PublishResult{});
}

}  // namespace wb::index::testing
