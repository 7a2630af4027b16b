#include "specs/version.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace wb::specs {
namespace {

std::string normalized(std::string_view text) {
    auto v = Version::parse(text);
    EXPECT_TRUE(v.has_value()) << text << ": " << (v ? "" : v.error().message);
    return v ? v->str() : std::string();
}

Version parsed(std::string_view text) {
    auto v = Version::parse(text);
    if (!v) ADD_FAILURE() << text << ": " << v.error().message;
    return v ? *v : Version();
}

TEST(Version, ParsesComponents) {
    Version v = parsed("2!1.20.3rc4.post5.dev6+ubuntu.7");
    EXPECT_EQ(v.epoch(), 2u);
    EXPECT_EQ(v.release(), (std::vector<uint64_t>{1, 20, 3}));
    ASSERT_TRUE(v.pre().has_value());
    EXPECT_EQ(v.pre()->letter, "rc");
    EXPECT_EQ(v.pre()->number, 4u);
    EXPECT_EQ(v.post(), 5u);
    EXPECT_EQ(v.dev(), 6u);
    ASSERT_EQ(v.local().size(), 2u);
    EXPECT_EQ(std::get<std::string>(v.local()[0]), "ubuntu");
    EXPECT_EQ(std::get<uint64_t>(v.local()[1]), 7u);
    EXPECT_TRUE(v.is_prerelease());
    EXPECT_FALSE(parsed("1.0.post1").is_prerelease());
}

TEST(Version, NormalizesAlternativeSpellings) {
    EXPECT_EQ(normalized("1.0"), "1.0");
    EXPECT_EQ(normalized("v1.0"), "1.0");
    EXPECT_EQ(normalized("  1.0\n"), "1.0");
    EXPECT_EQ(normalized("01.002.0"), "1.2.0");
    EXPECT_EQ(normalized("0!1.0"), "1.0");
    EXPECT_EQ(normalized("1.0-alpha.2"), "1.0a2");
    EXPECT_EQ(normalized("1.0BETA"), "1.0b0");
    EXPECT_EQ(normalized("1.0c1"), "1.0rc1");
    EXPECT_EQ(normalized("1.0pre3"), "1.0rc3");
    EXPECT_EQ(normalized("1.0-preview_4"), "1.0rc4");
    EXPECT_EQ(normalized("1.0-1"), "1.0.post1");
    EXPECT_EQ(normalized("1.0rev2"), "1.0.post2");
    EXPECT_EQ(normalized("1.0.r"), "1.0.post0");
    EXPECT_EQ(normalized("1.0_post_3"), "1.0.post3");
    EXPECT_EQ(normalized("1.0-dev"), "1.0.dev0");
    EXPECT_EQ(normalized("1.0a1-dev2"), "1.0a1.dev2");
    EXPECT_EQ(normalized("1.0a."), "1.0a0");
    EXPECT_EQ(normalized("1.0pre_.r"), "1.0rc0.post0");
    EXPECT_EQ(normalized("1.0+Ubuntu-1_2"), "1.0+ubuntu.1.2");
    EXPECT_EQ(normalized("1.0+007"), "1.0+7");
    EXPECT_EQ(normalized("1.2.3rc1.post2.dev3+abc"), "1.2.3rc1.post2.dev3+abc");
}

TEST(Version, RejectsInvalidTextWithReason) {
    for (const char* bad : {"", "x", "1.x", "1.0+", "1.0+a..b", "1!", "1.0 a1", "1.0-", "1.0.post1.post2",
                            "1.0dev1a1", "99999999999999999999999"}) {
        auto v = Version::parse(bad);
        ASSERT_FALSE(v.has_value()) << "accepted '" << bad << "' as " << v->str();
        EXPECT_EQ(v.error().kind, util::ErrorKind::Input);
        EXPECT_NE(v.error().message.find("is not a valid version (PEP 440): expected"), std::string::npos)
            << v.error().message;
    }
    auto v = Version::parse("1.x");
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().message.substr(0, 46), "'1.x' is not a valid version (PEP 440): expect");
    EXPECT_NE(v.error().message.find("'.x'"), std::string::npos) << v.error().message;
}

TEST(Version, TrailingZerosCompareEqual) {
    EXPECT_EQ(parsed("1.0"), parsed("1.0.0"));
    EXPECT_EQ(parsed("1"), parsed("1.0.0.0"));
    EXPECT_NE(parsed("1.0"), parsed("1.0.1"));
    EXPECT_EQ(parsed("1.0a1"), parsed("1.0.alpha1"));
}

// A list in strictly ascending PEP 440 order; every pair must compare as its positions do.
const std::vector<std::string> k_ascending = {
    "0.9",         "1.0.dev0",     "1.0.dev1",   "1.0a1.dev1",  "1.0a1",     "1.0a1.post1.dev1",
    "1.0a1.post1", "1.0a2",        "1.0b1",      "1.0rc1.dev1", "1.0rc1",    "1.0",
    "1.0+abc",     "1.0+abc.1",    "1.0+abd",    "1.0+1",       "1.0+1.abc", "1.0+2",
    "1.0.post1.dev1", "1.0.post1", "1.0.post2",  "1.0.1",       "1.1.dev1",  "1.1",
    "1.10",        "2.0",          "1!0.1",      "1!1.0",
};

TEST(Version, FollowsPep440Ordering) {
    for (size_t i = 0; i < k_ascending.size(); ++i) {
        for (size_t j = 0; j < k_ascending.size(); ++j) {
            Version a = parsed(k_ascending[i]);
            Version b = parsed(k_ascending[j]);
            EXPECT_EQ(a <=> b, i <=> j) << k_ascending[i] << " vs " << k_ascending[j];
        }
    }
}

TEST(Version, SortingShuffledListRestoresOrder) {
    std::vector<Version> versions;
    for (const auto& s : k_ascending) versions.push_back(parsed(s));
    std::mt19937 rng(42);
    std::shuffle(versions.begin(), versions.end(), rng);
    std::sort(versions.begin(), versions.end());
    std::vector<std::string> back;
    for (const auto& v : versions) back.push_back(v.str());
    EXPECT_EQ(back, k_ascending);
}

TEST(Version, StrRoundTripsThroughParse) {
    for (const auto& s : k_ascending) {
        Version v = parsed(s);
        EXPECT_EQ(parsed(v.str()).str(), v.str());
        EXPECT_EQ(v.str(), s);
    }
}

TEST(Version, PublicVersionDropsLocalLabel) {
    EXPECT_EQ(parsed("1.0.post1+abc.2").public_version().str(), "1.0.post1");
    EXPECT_TRUE(parsed("1.0+abc").public_version().local().empty());
}

}  // namespace
}  // namespace wb::specs
