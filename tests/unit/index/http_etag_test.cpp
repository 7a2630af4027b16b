#include "index/serve/http_etag.hpp"

#include <gtest/gtest.h>

namespace wb::index {
namespace {

TEST(HttpEtag, StrongAndQuotedAndStampSensitive) {
    FileStamp stamp{1, 2, 3, 4};
    std::string etag = strong_etag(stamp);
    ASSERT_EQ(etag.size(), 22u);
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(etag.back(), '"');
    EXPECT_EQ(etag, strong_etag(stamp));
    EXPECT_NE(etag, strong_etag({1, 3, 3, 4}));  // a new inode: a replaced file
    EXPECT_NE(etag, strong_etag({1, 2, 4, 4}));
    EXPECT_NE(etag, strong_etag({1, 2, 3, 5}));
    EXPECT_NE(etag, strong_etag(stamp, "json"));
    EXPECT_NE(strong_etag(stamp, "json"), strong_etag(stamp, "html"));
}

TEST(HttpEtag, IfNoneMatchUsesWeakComparison) {
    std::string etag = "\"abc\"";
    EXPECT_TRUE(if_none_match_matches("\"abc\"", etag));
    EXPECT_TRUE(if_none_match_matches("W/\"abc\"", etag));
    EXPECT_TRUE(if_none_match_matches("\"x\", \"abc\"", etag));
    EXPECT_TRUE(if_none_match_matches(" * ", etag));
    EXPECT_FALSE(if_none_match_matches("\"abcd\"", etag));
    EXPECT_FALSE(if_none_match_matches("abc", etag));
    EXPECT_FALSE(if_none_match_matches("", etag));
    EXPECT_TRUE(if_none_match_matches("\"a,b\", \"abc\"", etag));
}

TEST(HttpEtag, IfRangeNeedsStrongEquality) {
    EXPECT_TRUE(if_range_etag_matches("\"abc\"", "\"abc\""));
    EXPECT_FALSE(if_range_etag_matches("W/\"abc\"", "\"abc\""));
    EXPECT_FALSE(if_range_etag_matches("\"abd\"", "\"abc\""));
    EXPECT_FALSE(if_range_etag_matches("\"abc\", \"abc\"", "\"abc\""));
}

}  // namespace
}  // namespace wb::index
