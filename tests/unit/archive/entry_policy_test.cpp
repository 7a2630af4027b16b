#include "archive/entry_policy.hpp"

#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"

namespace wb::archive {
namespace {
namespace fs = std::filesystem;
using Parts = std::vector<std::string>;

TEST(EntryComponents, NormalisesHarmlessNames) {
    EXPECT_EQ(entry_components("./pkg//src/a.c").value(), (Parts{"pkg", "src", "a.c"}));
    EXPECT_EQ(entry_components("pkg/").value(), (Parts{"pkg"}));
    EXPECT_TRUE(entry_components("./").value().empty());
    EXPECT_EQ(entry_components("a..b/..c").value(), (Parts{"a..b", "..c"}));
}

TEST(EntryComponents, RefusesAbsoluteAndDotDot) {
    EXPECT_EQ(entry_components("/etc/passwd").error(), "has an absolute path");
    EXPECT_EQ(entry_components("../x").error(), "escapes the destination");
    EXPECT_EQ(entry_components("a/b/../../../x").error(), "escapes the destination");
    EXPECT_FALSE(entry_components("a/.."));
}

TEST(MaskedMode, KeepsOnlyExecutableOrNot) {
    EXPECT_EQ(masked_mode(false, 04755), 0755u);
    EXPECT_EQ(masked_mode(false, 0100), 0755u);
    EXPECT_EQ(masked_mode(false, 02666), 0644u);
    EXPECT_EQ(masked_mode(true, 01777), 0755u);
    EXPECT_EQ(masked_mode(true, 0500), 0755u);
}

class SymlinkPolicyTest : public test::TempDirTest {};

TEST_F(SymlinkPolicyTest, RelativeTargetsInsideAreAccepted) {
    EXPECT_FALSE(symlink_escapes(dir(), {"pkg", "sub"}, "../other/file"));
    EXPECT_FALSE(symlink_escapes(dir(), {"pkg"}, ".."));
    EXPECT_FALSE(symlink_escapes(dir(), {}, "./a/./b"));
}

TEST_F(SymlinkPolicyTest, TargetsOutsideAreRefused) {
    EXPECT_TRUE(symlink_escapes(dir(), {"pkg"}, "../.."));
    EXPECT_TRUE(symlink_escapes(dir(), {}, "/etc"));
    EXPECT_TRUE(symlink_escapes(dir(), {}, ""));
    EXPECT_TRUE(symlink_escapes(dir(), {"a"}, "b/../../../c"));
}

TEST_F(SymlinkPolicyTest, FollowsLinksAlreadyOnDisk) {
    fs::create_directories(dir() / "d");
    fs::create_symlink("..", dir() / "d" / "up");  // d/up is the root: fine by itself
    EXPECT_FALSE(symlink_escapes(dir(), {"d"}, "up"));
    EXPECT_TRUE(symlink_escapes(dir(), {}, "d/up/.."));  // lexically "d", physically the root's parent

    fs::create_symlink("loop2", dir() / "loop1");
    fs::create_symlink("loop1", dir() / "loop2");
    auto reason = symlink_escapes(dir(), {}, "loop1/x");
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("loops"), std::string::npos);
}

TEST_F(SymlinkPolicyTest, FindsSymlinksOnAPath) {
    fs::create_directories(dir() / "real");
    fs::create_symlink("real", dir() / "alias");
    EXPECT_EQ(symlink_on_path(dir(), {"alias", "x"}, false).value_or(""), "alias");
    EXPECT_FALSE(symlink_on_path(dir(), {"real", "x"}, true));
    EXPECT_FALSE(symlink_on_path(dir(), {"alias"}, false));
    EXPECT_EQ(symlink_on_path(dir(), {"alias"}, true).value_or(""), "alias");
}

TEST_F(SymlinkPolicyTest, FinalScanReportsTheEscapingLink) {
    fs::create_directories(dir() / "pkg" / "d");
    fs::create_symlink("../inside", dir() / "pkg" / "ok");
    EXPECT_FALSE(find_escaping_symlink(dir()));
    fs::create_symlink("../../..", dir() / "pkg" / "d" / "bad");
    auto found = find_escaping_symlink(dir());
    ASSERT_TRUE(found);
    EXPECT_NE(found->find("entry 'pkg/d/bad'"), std::string::npos);
}

}  // namespace
}  // namespace wb::archive
