#include "index/serve/http_path.hpp"

#include <gtest/gtest.h>

namespace wb::index {
namespace {

TEST(HttpPath, PercentDecoding) {
    EXPECT_EQ(percent_decode("a%20b%2Fc+d"), "a b/c+d");
    EXPECT_EQ(percent_decode("%2e%2E"), "..");
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("%2"));
    EXPECT_FALSE(percent_decode("abc%zz"));
}

TEST(HttpPath, EncodingKeepsPathCharacters) {
    EXPECT_EQ(percent_encode_path("/simple/my-pkg_1.0/"), "/simple/my-pkg_1.0/");
    EXPECT_EQ(percent_encode_path("/a b/\xC3\xA9?#"), "/a%20b/%C3%A9%3F%23");
}

TEST(HttpPath, SplitsIntoSegments) {
    auto path = RequestPath::parse("/simple//numpy/./");
    ASSERT_TRUE(path);
    EXPECT_EQ(path->segments, (std::vector<std::string>{"simple", "numpy"}));
    EXPECT_TRUE(path->trailing_slash);
    EXPECT_EQ(path->str(), "/simple/numpy/");
    auto file = RequestPath::parse("/packages/a%2Bb-1.0-py3-none-any.whl");
    ASSERT_TRUE(file);
    EXPECT_EQ(file->segments.back(), "a+b-1.0-py3-none-any.whl");
    EXPECT_FALSE(file->trailing_slash);
    auto root = RequestPath::parse("/");
    ASSERT_TRUE(root);
    EXPECT_TRUE(root->segments.empty());
    EXPECT_EQ(root->str(), "/");
}

TEST(HttpPath, RefusesClimbingOut) {
    for (const char* raw : {"/../etc/passwd", "/simple/../../x", "/%2e%2e/x", "/%2E%2e/", "/a/..",
                            "/a%2f..%2fb", "/a%5c..%5cb"}) {
        auto path = RequestPath::parse(raw);
        ASSERT_FALSE(path) << raw;
        EXPECT_EQ(path.error().status, 403) << raw;
    }
}

TEST(HttpPath, RefusesMalformedPaths) {
    for (const char* raw : {"relative", "", "/a%00b", "/a%zz"}) {
        auto path = RequestPath::parse(raw);
        ASSERT_FALSE(path) << raw;
        EXPECT_EQ(path.error().status, 400) << raw;
    }
}

}  // namespace
}  // namespace wb::index
