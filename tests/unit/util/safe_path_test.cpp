// A relative path that cannot leave its root (core/util/safe_path.hpp).
#include "util/safe_path.hpp"

#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"

namespace wb::util {
namespace {
namespace fs = std::filesystem;
using Parts = std::vector<std::string>;

PathProblem problem_of(std::string_view text, const PathRules& rules = {}) {
    auto path = SafePath::check(text, rules);
    EXPECT_FALSE(path) << text;
    return path ? PathProblem::Empty : path.error().problem;
}

TEST(SafePath, KeepsComponentsAndDropsDotsAndEmptyOnes) {
    EXPECT_EQ(SafePath::check("pkg/src/a.c")->components(), (Parts{"pkg", "src", "a.c"}));
    EXPECT_EQ(SafePath::check("./pkg//src/./a.c/")->str(), "pkg/src/a.c");
    EXPECT_EQ(SafePath::check("a..b/..c/.d/...")->components(), (Parts{"a..b", "..c", ".d", "..."}));
    EXPECT_EQ(SafePath::check("données/a b.txt")->str(), "données/a b.txt");
    EXPECT_TRUE(SafePath::check("a/b").value() == SafePath::check("./a//b/").value());
}

TEST(SafePath, UnderJoinsBeneathTheRoot) {
    EXPECT_EQ(SafePath::check("a/./b")->under("/r"), fs::path("/r/a/b"));
    EXPECT_EQ(SafePath().under("/r"), fs::path("/r"));
    EXPECT_EQ(SafePath::check("a/b/c")->prefix(2).str(), "a/b");
    EXPECT_EQ(SafePath::check("a/b/c")->prefix(7).str(), "a/b/c");
}

TEST(SafePath, RefusesWhatCouldLeaveTheRoot) {
    EXPECT_EQ(problem_of("/etc/passwd"), PathProblem::Absolute);
    EXPECT_EQ(problem_of("//x"), PathProblem::Absolute);
    for (const char* text : {"..", "../x", "a/../b", "a/b/../../../x", "a/..", "./.."}) {
        EXPECT_EQ(problem_of(text), PathProblem::DotDot) << text;
    }
    EXPECT_EQ(problem_of(std::string_view("a\0/../x", 7)), PathProblem::Nul);
    EXPECT_EQ(problem_of(std::string_view("a\0b", 3), {.control_allowed = true}), PathProblem::Nul);
}

TEST(SafePath, TheRootItselfOnlyWhenAllowed) {
    EXPECT_EQ(problem_of(""), PathProblem::Empty);
    for (const char* text : {".", "./", ".//./"}) EXPECT_EQ(problem_of(text), PathProblem::Root) << text;
    for (const char* text : {"", ".", "./"}) {
        auto root = SafePath::check(text, {.root_allowed = true});
        ASSERT_TRUE(root) << text;
        EXPECT_TRUE(root->is_root());
        EXPECT_EQ(root->str(), "");
    }
}

TEST(SafePath, ControlCharactersAndBackslashesFollowTheRules) {
    EXPECT_EQ(problem_of("a\nb"), PathProblem::Control);
    EXPECT_EQ(problem_of("a\x7f"), PathProblem::Control);
    EXPECT_EQ(SafePath::check("a\tb", {.control_allowed = true})->str(), "a\tb");
    EXPECT_EQ(SafePath::check("a\\b")->str(), "a\\b");  // a plain character on POSIX
    EXPECT_EQ(problem_of("a\\b", {.backslash_allowed = false}), PathProblem::Backslash);
    EXPECT_EQ(problem_of("..\\x", {.backslash_allowed = false}), PathProblem::Backslash);
}

TEST(SafePath, RefusalsSayWhy) {
    EXPECT_EQ(SafePath::check("../x").error().reason, "has a '..' component");
    EXPECT_EQ(SafePath::check("/x").error().reason, "has an absolute path");
    EXPECT_EQ(SafePath::check("x\x01").error().reason, "has a control character (0x01)");
    EXPECT_EQ(SafePath::check("a\\b", {.backslash_allowed = false}).error().reason, "has a backslash");
    auto parsed = SafePath::parse("a/../../b");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, ErrorKind::Input);
    EXPECT_EQ(parsed.error().message, "'a/../../b' has a '..' component");
    EXPECT_EQ(SafePath::parse("a/b").value().str(), "a/b");
}

class SafePathOnDiskTest : public test::TempDirTest {};

TEST_F(SafePathOnDiskTest, FindsTheFirstSymlinkOnThePath) {
    fs::create_directories(dir() / "real" / "sub");
    fs::create_directory_symlink("real", dir() / "alias");
    fs::create_symlink("elsewhere", dir() / "real" / "sub" / "link");
    auto path = [](const char* text) { return SafePath::check(text).value(); };
    EXPECT_EQ(symlink_on_path(dir(), path("alias/sub/link")).value_or(SafePath()).str(), "alias");
    EXPECT_EQ(symlink_on_path(dir(), path("real/sub/link")).value_or(SafePath()).str(), "real/sub/link");
    EXPECT_FALSE(symlink_on_path(dir(), path("real/sub/link"), false));
    EXPECT_FALSE(symlink_on_path(dir(), path("real/sub/absent/x")));
    EXPECT_FALSE(symlink_on_path(dir(), SafePath()));
}

TEST_F(SafePathOnDiskTest, NoSymlinkOnPathNamesTheLink) {
    fs::create_directories(dir() / "real");
    fs::create_directory_symlink("real", dir() / "alias");
    EXPECT_TRUE(no_symlink_on_path(dir(), SafePath::check("real/x").value()));
    auto through = no_symlink_on_path(dir(), SafePath::check("alias/x").value(), ErrorKind::Integrity);
    ASSERT_FALSE(through);
    EXPECT_EQ(through.error().kind, ErrorKind::Integrity);
    EXPECT_EQ(through.error().message, (dir() / "alias").string() + ": is a symlink");
}

}  // namespace
}  // namespace wb::util
