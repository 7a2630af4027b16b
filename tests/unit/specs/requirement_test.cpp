#include "specs/requirement.hpp"

#include <string>

#include <gtest/gtest.h>

namespace wb::specs {
namespace {

Requirement parsed(std::string_view text) {
    auto r = Requirement::parse(text);
    if (!r) ADD_FAILURE() << text << ": " << r.error().message;
    return r ? *r : Requirement();
}

TEST(Requirement, ParsesBareName) {
    Requirement r = parsed("numpy");
    EXPECT_EQ(r.name, "numpy");
    EXPECT_TRUE(r.extras.empty());
    EXPECT_EQ(r.specifier, "");
    EXPECT_EQ(r.marker, "");
    EXPECT_EQ(r.str(), "numpy");
}

TEST(Requirement, ParsesAllParts) {
    Requirement r = parsed("  Pillow [ tests , docs ] >= 9.0 , < 10 ; python_version < \"3.12\" and extra == 'x' ");
    EXPECT_EQ(r.name, "Pillow");
    EXPECT_EQ(r.extras, (std::vector<std::string>{"tests", "docs"}));
    EXPECT_EQ(r.specifier, ">=9.0,<10");
    EXPECT_EQ(r.marker, "python_version < \"3.12\" and extra == 'x'");
    EXPECT_EQ(r.project(), "pillow");
    EXPECT_EQ(r.str(), "Pillow[tests,docs]>=9.0,<10; python_version < \"3.12\" and extra == 'x'");
}

TEST(Requirement, AcceptsParenthesizedSpecifier) {
    Requirement r = parsed("lxml (>=4.9,!=4.9.1)");
    EXPECT_EQ(r.specifier, ">=4.9,!=4.9.1");
    EXPECT_EQ(r.str(), "lxml>=4.9,!=4.9.1");
}

TEST(Requirement, StrRoundTrips) {
    for (const char* text : {"a", "a[b]", "a>=1", "a[b,c]~=1.2; os_name == 'posix'", "zope.interface==5.*",
                             "x===weird-1", "x==1.0+local"}) {
        Requirement r = parsed(text);
        EXPECT_EQ(parsed(r.str()), r) << text;
    }
}

TEST(Requirement, RejectsMalformedWithReason) {
    for (const char* bad : {"", "-numpy", "numpy>=1.x", "numpy 1.0", "numpy[", "numpy[a b]", "numpy (>=1.0",
                            "numpy>=1.0;", "numpy; python_version < '3", "numpy @ file:///x.whl",
                            "numpy~=1", "numpy>=1.0.*", "numpy<=1.0+local", "numpy>=1,"}) {
        auto r = Requirement::parse(bad);
        ASSERT_FALSE(r) << "accepted '" << bad << "' as " << r->str();
        EXPECT_EQ(r.error().kind, util::ErrorKind::Input);
        EXPECT_NE(r.error().message.find("is not a valid requirement (PEP 508)"), std::string::npos)
            << r.error().message;
    }
    auto r = Requirement::parse("numpy>=1.x");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("'numpy>=1.x'"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("'>=1.x'"), std::string::npos) << r.error().message;
}

TEST(Specifier, ParsesClauses) {
    auto clauses = parse_specifier(" >=1.0 , !=1.5.* ,<2 ");
    ASSERT_TRUE(clauses) << clauses.error().message;
    ASSERT_EQ(clauses->size(), 3u);
    EXPECT_EQ((*clauses)[0].op, ">=");
    EXPECT_EQ((*clauses)[0].version, "1.0");
    EXPECT_EQ((*clauses)[1].op, "!=");
    EXPECT_EQ((*clauses)[1].version, "1.5.*");
    EXPECT_EQ((*clauses)[2].op, "<");
    auto norm = normalize_specifier(" >=1.0 , !=1.5.* ,<2 ");
    ASSERT_TRUE(norm);
    EXPECT_EQ(*norm, ">=1.0,!=1.5.*,<2");
    EXPECT_EQ(*normalize_specifier(""), "");
    EXPECT_FALSE(normalize_specifier("=1.0"));
    EXPECT_FALSE(normalize_specifier(">= 1.0 2.0"));
    EXPECT_TRUE(normalize_specifier("==1.0a1.*"));
    EXPECT_FALSE(normalize_specifier("==1.0.dev1.*"));
    EXPECT_FALSE(normalize_specifier("==1.0+abc.*"));
    EXPECT_TRUE(normalize_specifier("~=1.0.post1"));
}

}  // namespace
}  // namespace wb::specs
