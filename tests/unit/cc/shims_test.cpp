#include "cc/shims.hpp"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "cc/tool.hpp"
#include "util/file_util.hpp"

namespace wb::cc {
namespace {
namespace fs = std::filesystem;

class ShimsTest : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override { dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-shims-test-"); }
    void TearDown() override { util::remove_tree_quiet(dir); }
};

TEST_F(ShimsTest, CreatesEveryLinkThenLeavesThemAlone) {
    std::string shim_dir = (dir / "bin").string();
    auto first = install_shims(shim_dir, "/opt/wasm-cc");
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->created.size(), shim_names().size());
    for (const auto& name : shim_names()) {
        EXPECT_EQ(fs::read_symlink(fs::path(shim_dir) / name).string(), "/opt/wasm-cc") << name;
    }
    auto second = install_shims(shim_dir, "/opt/wasm-cc");
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->created.empty());
    EXPECT_EQ(second->unchanged.size(), shim_names().size());
}

TEST_F(ShimsTest, ReplacesWrongLinksAndFiles) {
    fs::create_symlink("/somewhere/else", dir / "cc");
    {
        std::FILE* f = std::fopen((dir / "ar").c_str(), "w");
        std::fputs("#!/bin/sh\n", f);
        std::fclose(f);
    }
    auto report = install_shims(dir.string(), "/opt/wasm-cc");
    ASSERT_TRUE(report);
    EXPECT_EQ(fs::read_symlink(dir / "cc").string(), "/opt/wasm-cc");
    EXPECT_EQ(fs::read_symlink(dir / "ar").string(), "/opt/wasm-cc");
    for (const auto& entry : fs::directory_iterator(dir)) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
}

TEST_F(ShimsTest, RefusesRelativeTargetAndDirectoryInTheWay) {
    EXPECT_FALSE(install_shims(dir.string(), "wasm-cc"));
    fs::create_directory(dir / "gcc");
    auto report = install_shims(dir.string(), "/opt/wasm-cc");
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find("gcc"), std::string::npos);
}

TEST(CurrentExecutable, IsAbsolute) {
    auto self = current_executable();
    ASSERT_TRUE(self);
    EXPECT_EQ(self->front(), '/');
    EXPECT_EQ(::access(self->c_str(), X_OK), 0);
}

}  // namespace
}  // namespace wb::cc
