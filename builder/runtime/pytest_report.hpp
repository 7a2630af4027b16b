#pragma once
// Reading pytest's console output (run with -rfE): the closing counts line and the node ids of
// failures and errors, then judging them against a recipe's expected failures.
#include <string>
#include <vector>

#include "recipe/recipe.hpp"

namespace wb::runtime {

struct PytestReport {
    int passed = 0, failed = 0, errors = 0, skipped = 0, xfailed = 0, xpassed = 0, deselected = 0;
    bool finished = false;              ///< the closing "N passed … in Xs" line was seen
    std::vector<std::string> failures;  ///< node ids from FAILED/ERROR lines
    static PytestReport parse(const std::string& output);
};

struct Judgement {
    std::vector<std::pair<std::string, std::string>> expected;  ///< (node id, reason)
    std::vector<std::string> unexpected;   ///< failures no expectation explains
    std::vector<std::string> stale;        ///< expectations that matched no failure
    bool ok(int min_passed, const PytestReport& report) const {
        return report.finished && unexpected.empty() && report.passed >= min_passed;
    }
};

/// A failure is expected when an entry's `test` equals its node id or is a prefix of it ending at a
/// path, class or parameter boundary ("numpy/core/tests/test_x.py", "…::TestY"), or at a dot of a
/// unittest id ("lxml.tests.test_threading").
Judgement judge(const PytestReport& report, const std::vector<recipe::ExpectedFailure>& expected);

}  // namespace wb::runtime
