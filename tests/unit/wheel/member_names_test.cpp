// The member names a wheel may hold (core/wheel/member_names.hpp).
#include "wheel/member_names.hpp"

#include <gtest/gtest.h>

namespace wb::wheel {
namespace {

TEST(MemberNames, PortableNamesPass) {
    for (const char* name : {"pkg/__init__.py", "pkg/", "pkg-1.0.dist-info/RECORD", "pkg/données.txt", "pkg/a.b.c",
                             "pkg/console.py", "pkg/nullable.py", "pkg/com10.py"}) {
        EXPECT_EQ(member_name_problem(name), "") << name;
    }
}

TEST(MemberNames, UnsafeAndUnportableNamesAreRefusedWithTheReason) {
    const std::pair<const char*, const char*> cases[] = {
        {"../evil.py", "'..' component"},  {"/etc/passwd", "absolute path"},  {"pkg\\evil.py", "backslash"},
        {"C:/evil.py", "drive letter"},    {"pkg//evil.py", "empty component"}, {"./evil.py", "'.' component"},
        {"pkg/CON", "reserved device name"}, {"pkg/nul.txt", "reserved device name"},
        {"pkg/Aux", "reserved device name"}, {"pkg/com1.py", "reserved device name"},
        {"pkg/LPT9", "reserved device name"}, {"pkg/evil.", "ending in a dot or space"},
        {"pkg/evil ", "ending in a dot or space"}, {"pkg/a:b", "does not allow"},
        {"pkg/a\x01" "b", "control character"}, {"", "empty name"},
    };
    for (const auto& [name, why] : cases) {
        EXPECT_NE(member_name_problem(name).find(why), std::string::npos) << name << ": " << member_name_problem(name);
    }
}

TEST(MemberNames, SetChecksNameTheWheelAndTheMember) {
    auto twice = check_member_names("x.whl", {"a.py", "b.py", "a.py"});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().message, "x.whl: member 'a.py' appears twice: expected each member once");
    auto folded = check_member_names("x.whl", {"pkg/Foo.py", "pkg/foo.py"});
    ASSERT_FALSE(folded);
    EXPECT_NE(folded.error().message.find("x.whl: member 'pkg/foo.py'"), std::string::npos) << folded.error().message;
    EXPECT_NE(folded.error().message.find("only in case"), std::string::npos) << folded.error().message;
    auto dirs = check_member_names("x.whl", {"Pkg/a.py", "pkg/b.py"});
    ASSERT_FALSE(dirs);
    EXPECT_NE(dirs.error().message.find("only in case"), std::string::npos) << dirs.error().message;
    auto file_dir = check_member_names("x.whl", {"pkg", "pkg/a.py"});
    ASSERT_FALSE(file_dir);
    EXPECT_NE(file_dir.error().message.find("needs 'pkg' to be a directory"), std::string::npos);
    EXPECT_TRUE(check_member_names("x.whl", {"pkg/", "pkg/a.py", "pkg/sub/b.py"}));
}

}  // namespace
}  // namespace wb::wheel
