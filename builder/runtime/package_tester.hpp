#pragma once
// Tests a built package inside the wasm runtime under Node: its imports, its smoke script, and its
// own test suite with pytest, judged against the recipe's expected failures.
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/interpreter.hpp"
#include "runtime/pytest_report.hpp"
#include "recipe/recipe.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {

struct TestRequest {
    const recipe::Recipe* recipe = nullptr;
    std::filesystem::path project_dir;
    Interpreter interpreter;            ///< with site-packages holding the package and its run deps
    std::filesystem::path site;         ///< the package's site-packages (the suite's working directory)
    std::filesystem::path test_tools;   ///< pytest & co (empty: no suite run)
    std::filesystem::path log;          ///< everything the interpreter prints goes here
    bool run_suite = true;
};

struct TestOutcome {
    std::string name;
    bool ok = false;
    std::string failed_phase;  ///< imports, smoke, suite
    std::string error;
    bool suite_ran = false;
    PytestReport report;
    Judgement judgement;
    double seconds = 0;
};

TestOutcome test_package(const TestRequest& request, util::ProcessRunner& runner);

}  // namespace wb::runtime
