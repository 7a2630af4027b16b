#pragma once
// A GoogleTest fixture giving each test its own temporary directory (removed afterwards), plus
// small file helpers.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "util/file_util.hpp"

namespace wb::test {

class TempDirTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto dir = util::make_temp_dir(util::temp_root(util::current_environment()), "wb-test-");
        ASSERT_TRUE(dir) << dir.error().message;
        m_dir = *dir;
    }
    void TearDown() override { util::remove_tree_quiet(m_dir); }

    const std::filesystem::path& dir() const { return m_dir; }

    static void write(const std::filesystem::path& path, const std::string& content) {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    }
    static std::string read(const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    /// Number of directory entries (files and dirs) below path, recursively.
    static size_t count_entries(const std::filesystem::path& path) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return 0;
        size_t n = 0;
        for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
             it != std::filesystem::recursive_directory_iterator(); ++it) {
            ++n;
        }
        return n;
    }

private:
    std::filesystem::path m_dir;
};

}  // namespace wb::test
