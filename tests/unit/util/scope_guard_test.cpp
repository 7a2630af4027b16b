#include <gtest/gtest.h>

#include <string>

#include "util/scope_guard.hpp"

namespace wb::util {
namespace {

int guarded(bool leave_early, bool keep, std::string& log) {
    ScopeGuard guard([&] { log += "cleanup;"; });
    log += "work;";
    if (leave_early) return 1;
    if (keep) guard.dismiss();
    log += "done;";
    return 0;
}

TEST(ScopeGuard, RunsWhenTheScopeEnds) {
    std::string log;
    guarded(false, false, log);
    EXPECT_EQ(log, "work;done;cleanup;");
}

TEST(ScopeGuard, RunsOnAnEarlyReturn) {
    std::string log;
    guarded(true, false, log);
    EXPECT_EQ(log, "work;cleanup;");
}

TEST(ScopeGuard, DismissedItDoesNothing) {
    std::string log;
    guarded(false, true, log);
    EXPECT_EQ(log, "work;done;");
}

TEST(ScopeGuard, RunsOnceOnException) {
    int runs = 0;
    try {
        ScopeGuard guard([&] { ++runs; });
        throw std::runtime_error("abort");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace wb::util
