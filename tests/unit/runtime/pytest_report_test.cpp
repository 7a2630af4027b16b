#include <gtest/gtest.h>

#include "runtime/pytest_report.hpp"

namespace wb::runtime {
namespace {

const char* k_output = R"(..........F....s
=========================== short test summary info ============================
FAILED numpy/core/tests/test_errstate.py::TestErrstate::test_invalid - AssertionError: FloatingPointError not raised
FAILED numpy/core/tests/test_multithreading.py::test_parallel[1] - RuntimeError: can't start new thread
ERROR numpy/tests/test_ctypeslib.py - ModuleNotFoundError: No module named '_ctypes'
====== 2 failed, 8648 passed, 86 skipped, 3 deselected, 12 xfailed, 1 error in 1234.56s (0:20:34) ======
)";

TEST(PytestReport, ParsesCountsAndFailures) {
    auto r = PytestReport::parse(k_output);
    EXPECT_TRUE(r.finished);
    EXPECT_EQ(r.passed, 8648);
    EXPECT_EQ(r.failed, 2);
    EXPECT_EQ(r.skipped, 86);
    EXPECT_EQ(r.errors, 1);
    EXPECT_EQ(r.xfailed, 12);
    EXPECT_EQ(r.deselected, 3);
    ASSERT_EQ(r.failures.size(), 3u);
    EXPECT_EQ(r.failures[2], "numpy/tests/test_ctypeslib.py");
}

TEST(PytestReport, IgnoresColourCodes) {
    auto r = PytestReport::parse("\x1b[31mFAILED\x1b[0m a.py::\x1b[1mt\x1b[0m - x\n"
                                 "\x1b[31m= \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m2 passed\x1b[0m\x1b[31m in 1.0s\x1b[0m\x1b[31m =\x1b[0m\n");
    EXPECT_TRUE(r.finished);
    EXPECT_EQ(r.passed, 2);
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0], "a.py::t");
}

TEST(PytestReport, CrashedRunIsNotFinished) {
    auto r = PytestReport::parse("....\nAborted(RuntimeError: null function or function signature mismatch)\n");
    EXPECT_FALSE(r.finished);
}

TEST(Judge, MatchesIdsAndPrefixesAtBoundaries) {
    auto r = PytestReport::parse(k_output);
    std::vector<recipe::ExpectedFailure> expected = {
        {"numpy/core/tests/test_errstate.py::TestErrstate", "no FP exception flags"},
        {"numpy/core/tests/test_multithreading.py::test_parallel", "no threads"},
        {"numpy/core/tests/test_never.py", "stale"},
    };
    auto j = judge(r, expected);
    EXPECT_EQ(j.expected.size(), 2u);
    ASSERT_EQ(j.unexpected.size(), 1u);
    EXPECT_EQ(j.unexpected[0], "numpy/tests/test_ctypeslib.py");
    ASSERT_EQ(j.stale.size(), 1u);
    EXPECT_FALSE(j.ok(0, r));
    // A prefix must end at a boundary: "test_err" must not match "test_errstate.py".
    auto k = judge(r, {{"numpy/core/tests/test_err", "x"}});
    EXPECT_EQ(k.unexpected.size(), 3u);
}

TEST(PytestReport, QuietSummaryLineWithoutRules) {
    // pytest -q prints the closing line without the ==== rules, with the duration in h:mm:ss.
    auto r = PytestReport::parse("....\nERROR tests/test_ctypeslib.py - AttributeError: x\n"
                                 "44341 passed, 1783 skipped, 37 xfailed, 1 error in 438.33s (0:07:18)\n");
    EXPECT_TRUE(r.finished);
    EXPECT_EQ(r.passed, 44341);
    EXPECT_EQ(r.skipped, 1783);
    EXPECT_EQ(r.errors, 1);
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_EQ(r.failures[0], "tests/test_ctypeslib.py");
    // A line of test output that merely mentions counts is not the summary.
    EXPECT_FALSE(PytestReport::parse("checked 3 passed items in total\n").finished);
}

TEST(Judge, UnittestIdsMatchAtDots) {
    auto r = PytestReport::parse("FAILED lxml.tests.test_threading.ThreadingTestCase.test_thread_mix - RuntimeError\n"
                                 "FAILED lxml.tests.test_threadingx.Case.test - RuntimeError\n"
                                 "===== 10 passed, 2 failed in 1.0s =====\n");
    auto j = judge(r, {{"lxml.tests.test_threading", "no threads"}});
    EXPECT_EQ(j.expected.size(), 1u);
    ASSERT_EQ(j.unexpected.size(), 1u);
    EXPECT_EQ(j.unexpected[0], "lxml.tests.test_threadingx.Case.test");
}

TEST(Judge, BarOnPassedTests) {
    auto r = PytestReport::parse("==== 5 passed in 1.0s ====\n");
    auto j = judge(r, {});
    EXPECT_TRUE(j.ok(5, r));
    EXPECT_FALSE(j.ok(6, r));
}

}  // namespace
}  // namespace wb::runtime
