#include <gtest/gtest.h>

#include "specs/specifier.hpp"

namespace wb::specs {
namespace {

bool ok(std::string_view spec, std::string_view version) {
    auto r = allows(spec, *Version::parse(version));
    EXPECT_TRUE(r) << spec;
    return r && *r;
}

TEST(Specifier, RequiresPythonAgainstPlatforms) {
    EXPECT_TRUE(ok(">=3.11", "3.14.2"));
    EXPECT_TRUE(ok(">=3.11", "3.15.0rc1"));
    EXPECT_FALSE(ok(">=3.11,<3.14", "3.14.2"));
    EXPECT_TRUE(ok(">=3.11,<3.14", "3.13.2"));
    EXPECT_FALSE(ok(">=3.15", "3.15.0rc1"));  // a release candidate comes before the release
    EXPECT_TRUE(ok("", "3.14.2"));
}

TEST(Specifier, WildcardsAndCompatibleReleases) {
    EXPECT_TRUE(ok("==3.14.*", "3.14.2"));
    EXPECT_FALSE(ok("==3.14.*", "3.15.0"));
    EXPECT_TRUE(ok("!=3.13.*", "3.14.2"));
    EXPECT_TRUE(ok("~=3.14", "3.14.9"));
    EXPECT_TRUE(ok("~=3.14", "3.15"));
    EXPECT_FALSE(ok("~=3.14.1", "3.15.0"));
    EXPECT_TRUE(ok("~=3.14.1", "3.14.5"));
    EXPECT_FALSE(ok("~=3.14.1", "3.14.0"));
    EXPECT_TRUE(ok("==3.14", "3.14.0"));
    EXPECT_FALSE(ok(">3.14", "3.14.0"));
}

TEST(Specifier, AMalformedSpecifierIsAnError) { EXPECT_FALSE(allows(">=three", *Version::parse("3.14"))); }

}  // namespace
}  // namespace wb::specs
