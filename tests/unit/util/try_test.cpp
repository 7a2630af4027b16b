#include <gtest/gtest.h>

#include <memory>

#include "util/try.hpp"

namespace wb::util {
namespace {

Expected<int> number(bool ok, int value, int* calls = nullptr) {
    if (calls) ++*calls;
    if (!ok) return fail(ErrorKind::Input, "no number");
    return value;
}

Expected<void> nothing(bool ok) {
    if (!ok) return fail(ErrorKind::Io, "no luck");
    return {};
}

/// Adds two numbers; `reached` records how far it got.
Expected<int> add(bool first_ok, bool second_ok, int& reached, int* calls = nullptr) {
    int a = 0, b = 0;
    WB_TRY_ASSIGN(a, number(first_ok, 2, calls));
    reached = 1;
    WB_TRY_ASSIGN(b, number(second_ok, 3, calls));
    reached = 2;
    return a + b;
}

Expected<std::string> steps(bool ok, std::string& trace) {
    trace += "a";
    WB_TRY(nothing(ok));
    trace += "b";
    WB_TRY(number(ok, 1));
    trace += "c";
    return trace;
}

TEST(Try, AssignTakesTheValuesOnSuccess) {
    int reached = 0;
    auto r = add(true, true, reached);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 5);
    EXPECT_EQ(reached, 2);
}

TEST(Try, AssignReturnsTheFirstErrorAndStopsThere) {
    int reached = 0;
    auto r = add(false, true, reached);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Input);
    EXPECT_EQ(r.error().message, "no number");
    EXPECT_EQ(reached, 0);
    auto second = add(true, false, reached);
    ASSERT_FALSE(second);
    EXPECT_EQ(reached, 1);
}

TEST(Try, EvaluatesTheExpressionOnce) {
    int reached = 0, calls = 0;
    ASSERT_TRUE(add(true, true, reached, &calls));
    EXPECT_EQ(calls, 2);
}

TEST(Try, PassesVoidAndValueResultsThroughAndKeepsTheErrorKind) {
    std::string trace;
    auto ok = steps(true, trace);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, "abc");
    trace.clear();
    auto bad = steps(false, trace);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, ErrorKind::Io);
    EXPECT_EQ(bad.error().message, "no luck");
    EXPECT_EQ(trace, "a");
}

Expected<std::unique_ptr<int>> boxed(int v) { return std::make_unique<int>(v); }

Expected<int> unbox(int v) {
    std::unique_ptr<int> p;
    WB_TRY_ASSIGN(p, boxed(v));
    return *p;
}

TEST(Try, AssignMovesMoveOnlyValues) {
    auto r = unbox(7);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 7);
}

}  // namespace
}  // namespace wb::util
