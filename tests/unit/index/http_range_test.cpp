#include "index/serve/http_range.hpp"

#include <gtest/gtest.h>

namespace wb::index {
namespace {

TEST(HttpRange, ClosedRange) {
    auto decision = decide_range("bytes=0-99", 1000);
    ASSERT_EQ(decision.outcome, RangeOutcome::Partial);
    EXPECT_EQ(decision.range.first, 0u);
    EXPECT_EQ(decision.range.last, 99u);
    EXPECT_EQ(decision.range.length(), 100u);
    EXPECT_EQ(content_range(decision.range, 1000), "bytes 0-99/1000");
}

TEST(HttpRange, LastPositionIsClipped) {
    auto decision = decide_range("bytes=990-5000", 1000);
    ASSERT_EQ(decision.outcome, RangeOutcome::Partial);
    EXPECT_EQ(decision.range.first, 990u);
    EXPECT_EQ(decision.range.last, 999u);
}

TEST(HttpRange, OpenAndSuffixRanges) {
    auto open = decide_range("bytes=10-", 100);
    ASSERT_EQ(open.outcome, RangeOutcome::Partial);
    EXPECT_EQ(open.range.first, 10u);
    EXPECT_EQ(open.range.last, 99u);
    auto suffix = decide_range("bytes=-30", 100);
    ASSERT_EQ(suffix.outcome, RangeOutcome::Partial);
    EXPECT_EQ(suffix.range.first, 70u);
    EXPECT_EQ(suffix.range.last, 99u);
    auto longer = decide_range("bytes=-500", 100);
    ASSERT_EQ(longer.outcome, RangeOutcome::Partial);
    EXPECT_EQ(longer.range.first, 0u);
}

TEST(HttpRange, Unsatisfiable) {
    EXPECT_EQ(decide_range("bytes=100-", 100).outcome, RangeOutcome::Unsatisfiable);
    EXPECT_EQ(decide_range("bytes=500-600", 100).outcome, RangeOutcome::Unsatisfiable);
    EXPECT_EQ(decide_range("bytes=-0", 100).outcome, RangeOutcome::Unsatisfiable);
    EXPECT_EQ(decide_range("bytes=0-", 0).outcome, RangeOutcome::Unsatisfiable);
    EXPECT_EQ(unsatisfied_content_range(100), "bytes */100");
}

TEST(HttpRange, IgnoresWhatItDoesNotServe) {
    EXPECT_EQ(decide_range("bytes=0-1,5-6", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("items=0-1", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("bytes=5-1", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("bytes=a-b", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("bytes=", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("bytes=-", 100).outcome, RangeOutcome::Ignore);
    EXPECT_EQ(decide_range("bytes=99999999999999999999-", 100).outcome, RangeOutcome::Ignore);
}

TEST(HttpRange, UnitIsCaseInsensitiveAndSpacesAreTolerated) {
    auto decision = decide_range(" Bytes= 2 - 3 ", 10);
    ASSERT_EQ(decision.outcome, RangeOutcome::Partial);
    EXPECT_EQ(decision.range.first, 2u);
    EXPECT_EQ(decision.range.last, 3u);
}

}  // namespace
}  // namespace wb::index
