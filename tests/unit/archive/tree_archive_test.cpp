#include <gtest/gtest.h>

#include <sys/stat.h>

#include "archive/tree_archive.hpp"
#include "fakes/temp_dir.hpp"

namespace wb::archive {
namespace {
namespace fs = std::filesystem;

class TreeArchiveTest : public wb::test::TempDirTest {};

TEST_F(TreeArchiveTest, ATreeComesBackWithItsFilesDirectoriesAndLinks) {
    write(dir() / "tree/lib/libz.a", "archive");
    write(dir() / "tree/include/zlib.h", "header");
    fs::create_directories(dir() / "tree/empty");
    fs::create_symlink("libz.a", dir() / "tree/lib/libz.so");             // relative, inside
    fs::create_symlink("/usr/lib/libc.so", dir() / "tree/lib/libc.so");  // absolute: kept as it is
    ASSERT_TRUE(pack_tree(dir() / "tree", dir() / "tree.tar.zst"));
    ASSERT_TRUE(unpack_tree(dir() / "tree.tar.zst", dir() / "back"));
    EXPECT_EQ(read(dir() / "back/lib/libz.a"), "archive");
    EXPECT_EQ(read(dir() / "back/include/zlib.h"), "header");
    EXPECT_TRUE(fs::is_directory(dir() / "back/empty"));
    // A link is named by its own path, not its target's (fs::relative would have followed it).
    ASSERT_TRUE(fs::is_symlink(dir() / "back/lib/libz.so"));
    EXPECT_EQ(fs::read_symlink(dir() / "back/lib/libz.so"), "libz.a");
    ASSERT_TRUE(fs::is_symlink(dir() / "back/lib/libc.so"));
    EXPECT_EQ(fs::read_symlink(dir() / "back/lib/libc.so"), "/usr/lib/libc.so");
    EXPECT_FALSE(fs::is_symlink(dir() / "back/lib/libz.a"));
}

TEST_F(TreeArchiveTest, SpecialFilesAreRefusedUnlessSkipped) {
    write(dir() / "tree/dev/null-ish", "x");
    ASSERT_EQ(::mkfifo((dir() / "tree/dev/fifo").c_str(), 0600), 0);
    auto refused = pack_tree(dir() / "tree", dir() / "t.tar.zst");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("fifo"), std::string::npos) << refused.error().message;
    ASSERT_TRUE(pack_tree(dir() / "tree", dir() / "t.tar.zst", {.skip_special_files = true}));
    ASSERT_TRUE(unpack_tree(dir() / "t.tar.zst", dir() / "back"));
    EXPECT_TRUE(fs::exists(dir() / "back/dev/null-ish"));
    EXPECT_FALSE(fs::exists(fs::symlink_status(dir() / "back/dev/fifo")));
}

TEST_F(TreeArchiveTest, UnpackRefusesAnExistingDestination) {
    write(dir() / "tree/a", "x");
    ASSERT_TRUE(pack_tree(dir() / "tree", dir() / "t.tar.zst"));
    fs::create_directories(dir() / "there");
    EXPECT_FALSE(unpack_tree(dir() / "t.tar.zst", dir() / "there"));
}

}  // namespace
}  // namespace wb::archive
