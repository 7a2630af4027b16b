#include <gtest/gtest.h>

#include <array>

#include "fakes/temp_dir.hpp"
#include "util/embedded_files.hpp"

namespace wb::util {
namespace {
namespace fs = std::filesystem;
using Files = std::array<std::pair<std::string_view, std::string_view>, 2>;

class EmbeddedFilesTest : public test::TempDirTest {};

TEST_F(EmbeddedFilesTest, InstallsEveryFileInADirectoryNamedByTheContent) {
    Files files{{{"a.py", "print(1)\n"}, {"b.js", "x = 1\n"}}};
    auto installed = install_files(dir() / "tools", files);
    ASSERT_TRUE(installed) << installed.error().message;
    EXPECT_EQ(installed->parent_path(), dir() / "tools");
    EXPECT_EQ(installed->filename(), files_identity(files).substr(0, 16));
    EXPECT_EQ(read(*installed / "a.py"), "print(1)\n");
    EXPECT_EQ(read(*installed / "b.js"), "x = 1\n");
    // Nothing is left behind but the installed directory.
    EXPECT_EQ(count_entries(dir() / "tools"), 3u);
}

TEST_F(EmbeddedFilesTest, SameContentSameDirectoryWrittenOnce) {
    Files files{{{"a.py", "print(1)\n"}, {"b.js", "x = 1\n"}}};
    auto first = install_files(dir(), files);
    ASSERT_TRUE(first);
    write(*first / "marker", "kept");
    auto second = install_files(dir(), files);
    ASSERT_TRUE(second);
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(read(*second / "marker"), "kept");  // not made again
}

TEST_F(EmbeddedFilesTest, ChangedContentOrNameIsANewDirectory) {
    Files v1{{{"a.py", "print(1)\n"}, {"b.js", "x = 1\n"}}};
    Files v2{{{"a.py", "print(2)\n"}, {"b.js", "x = 1\n"}}};
    Files renamed{{{"c.py", "print(1)\n"}, {"b.js", "x = 1\n"}}};
    auto d1 = install_files(dir(), v1);
    auto d2 = install_files(dir(), v2);
    ASSERT_TRUE(d1 && d2);
    EXPECT_NE(*d1, *d2);
    EXPECT_EQ(read(*d1 / "a.py"), "print(1)\n");
    EXPECT_EQ(read(*d2 / "a.py"), "print(2)\n");
    EXPECT_NE(files_identity(v1), files_identity(renamed));
}

}  // namespace
}  // namespace wb::util
