#pragma once
// Tests a built package in its platform's stock Pyodide under Node: its imports and smoke script
// (one run), then its own test suite with pytest (a second run, with the -tests wheel and the test
// tools installed), judged against the recipe's expected failures with their reasons.
#include <filesystem>
#include <string>
#include <vector>

#include "recipe/recipe.hpp"
#include "runtime/pyodide_runner.hpp"
#include "runtime/pytest_report.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {

struct TestRequest {
    const recipe::Recipe* recipe = nullptr;
    std::filesystem::path recipe_dir;             ///< host path of the recipe folder (smoke script files)
    PyodideRun base;                              ///< runtime, root, tools, scratch, log
    std::vector<std::filesystem::path> wheels;    ///< the package and its run dependencies
    std::vector<std::filesystem::path> suite_wheels;  ///< more for the suite: -tests wheel, pytest & co
    std::filesystem::path work;                   ///< writable working directory for the suite
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

/// The Python code of the imports-and-smoke run.
std::string smoke_program(const recipe::Recipe& recipe, const std::string& smoke_code);

}  // namespace wb::runtime
