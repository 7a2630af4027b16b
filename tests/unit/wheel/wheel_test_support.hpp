#pragma once
// Helpers shared by the wheel tests: a temporary directory, small file writers, and running
// python3 (the reference reader for zip and wheel files).
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/subprocess.hpp"

namespace wb::wheel::testing {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        auto dir = util::make_temp_dir(util::temp_root(util::current_environment()), "wb-wheel-test-");
        if (!dir) throw std::runtime_error(dir.error().message);
        m_path = *dir;
    }
    ~TempDir() { util::remove_tree_quiet(m_path); }
    const fs::path& path() const { return m_path; }
    fs::path operator/(const std::string& rel) const { return m_path / rel; }

private:
    fs::path m_path;
};

inline void write_text(const fs::path& path, const std::string& text, fs::perms perms = fs::perms(0644)) {
    fs::create_directories(path.parent_path());
    auto ok = util::write_file_atomic(path, text);
    ASSERT_TRUE(ok) << ok.error().message;
    fs::permissions(path, perms);
}

inline std::string slurp(const fs::path& path) {
    auto content = util::read_file(path);
    EXPECT_TRUE(content) << content.error().message;
    return content ? *content : std::string();
}

inline bool have_python() { return util::find_program("python3", util::current_environment()).has_value(); }

/// Runs python3 with arguments; returns exit code and combined output.
inline util::ProcessResult run_python(const std::vector<std::string>& args) {
    util::Command cmd;
    cmd.argv = {"python3"};
    cmd.argv.insert(cmd.argv.end(), args.begin(), args.end());
    cmd.timeout = std::chrono::seconds(120);
    auto env = util::current_environment();
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
    env["PIP_NO_INPUT"] = "1";
    cmd.env = env;
    auto result = util::run(cmd);
    if (!result) {
        ADD_FAILURE() << "cannot run python3: " << result.error().message;
        return util::ProcessResult{127};
    }
    return *result;
}

}  // namespace wb::wheel::testing
