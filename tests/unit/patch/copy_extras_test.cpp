#include "patch/copy_extras.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"

namespace wb::patch {
namespace {
namespace fs = std::filesystem;
using util::ErrorKind;

class CopyExtrasTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        fs::create_directories(tree());
        write(extra("config.sub"), "#!/bin/sh\necho wasm32\n");
        fs::permissions(extra("config.sub"), fs::perms(0755));
        write(extra("site.cfg"), "[x]\n");
    }
    fs::path tree() const { return dir() / "tree"; }
    fs::path extra(const std::string& name) const { return dir() / "extras" / name; }
    static unsigned mode_of(const fs::path& path) {
        struct stat st {};
        ::stat(path.c_str(), &st);
        return st.st_mode & 07777;
    }
};

TEST_F(CopyExtrasTest, CopiesIntoTheTreeKeepingTheExecutableBit) {
    write(tree() / "build-aux" / "config.sub", "old");
    auto copied = copy_extras(tree(), {{extra("config.sub"), "build-aux/config.sub"}, {extra("site.cfg"), "./new/dir/site.cfg"}});
    ASSERT_TRUE(copied) << copied.error().message;
    EXPECT_EQ(read(tree() / "build-aux" / "config.sub"), "#!/bin/sh\necho wasm32\n");
    EXPECT_EQ(mode_of(tree() / "build-aux" / "config.sub"), 0755u);
    EXPECT_EQ(read(tree() / "new" / "dir" / "site.cfg"), "[x]\n");
    EXPECT_EQ(mode_of(tree() / "new" / "dir" / "site.cfg"), 0644u);
}

TEST_F(CopyExtrasTest, RefusesDestinationsOutsideTheTree) {
    for (std::string dest : {"../escaped.cfg", "a/../../escaped.cfg", "/tmp/escaped.cfg", "", "."}) {
        auto copied = copy_extras(tree(), {{extra("site.cfg"), dest}});
        ASSERT_FALSE(copied) << dest;
        EXPECT_EQ(copied.error().kind, ErrorKind::Input);
        EXPECT_NE(copied.error().message.find("site.cfg"), std::string::npos);
    }
    EXPECT_FALSE(fs::exists(dir() / "escaped.cfg"));
    EXPECT_EQ(count_entries(tree()), 0u);
}

TEST_F(CopyExtrasTest, RefusesWritingThroughASymlink) {
    fs::create_directories(dir() / "outside");
    fs::create_directory_symlink(dir() / "outside", tree() / "link");
    auto copied = copy_extras(tree(), {{extra("site.cfg"), "link/site.cfg"}});
    ASSERT_FALSE(copied);
    EXPECT_NE(copied.error().message.find("symlink 'link'"), std::string::npos) << copied.error().message;
    EXPECT_EQ(count_entries(dir() / "outside"), 0u);
}

TEST_F(CopyExtrasTest, MissingSourceIsNamed) {
    auto copied = copy_extras(tree(), {{extra("absent.txt"), "absent.txt"}});
    ASSERT_FALSE(copied);
    EXPECT_EQ(copied.error().kind, ErrorKind::Input);
    EXPECT_NE(copied.error().message.find("absent.txt"), std::string::npos);
}

}  // namespace
}  // namespace wb::patch
