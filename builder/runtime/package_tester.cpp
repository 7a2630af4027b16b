#include "runtime/package_tester.hpp"

#include <chrono>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::runtime {
namespace fs = std::filesystem;

namespace {

std::string smoke_code(const TestRequest& req) {
    const auto& script = req.recipe->test.script;
    fs::path file = req.recipe_dir / std::string(util::trim(script));
    std::error_code ec;
    if (!script.empty() && script.find('\n') == std::string::npos && fs::is_regular_file(file, ec)) {
        if (auto text = util::read_file(file)) return *text;
    }
    return script;
}

bool fail(TestOutcome& out, const std::string& phase, const std::string& error) {
    out.ok = false;
    out.failed_phase = phase;
    out.error = error;
    return false;
}

// A run that outlives these is stopped and reported (a test that hangs, or a runtime that does not
// exit, as Pyodide 314 did after Brotli's compressor until wb_pyodide.js left without running exit
// listeners): the night goes on. NumPy's whole suite takes about 5 minutes here.
constexpr std::chrono::seconds k_smoke_timeout{300};
constexpr std::chrono::seconds k_suite_timeout{3600};

bool run_smoke(const TestRequest& req, util::ProcessRunner& runner, TestOutcome& out) {
    PyodideRun run = req.base;
    run.wheels = req.wheels;
    run.code = smoke_program(*req.recipe, smoke_code(req));
    if (run.timeout.count() == 0) run.timeout = k_smoke_timeout;
    util::append_line(run.log, "wasm-build: imports and smoke test in " + run.runtime_dir.string());
    auto r = run_pyodide(run, runner);
    if (!r) return fail(out, "imports", r.error().message);
    if (r->ok()) return true;
    auto text = util::read_file(run.log);
    bool smoke = text && text->find("@@wb phase smoke") != std::string::npos;
    if (r->timed_out && text && text->find("@@wb phase done") != std::string::npos) {
        // The package's checks all ran; the runtime then did not exit.
        util::append_line(run.log, fmt::format("wasm-build: the checks finished but the runtime did not exit; stopped "
                                               "after {} s", run.timeout.count()));
        return true;
    }
    if (r->timed_out) {
        return fail(out, smoke ? "smoke" : "imports",
                    fmt::format("stopped after {} s: the runtime did not finish", run.timeout.count()));
    }
    return fail(out, smoke ? "smoke" : "imports",
                fmt::format("{} failed (exit {})", smoke ? "the smoke test" : "importing " +
                            util::join(req.recipe->test.imports, ", "), r->exit_code));
}

bool run_suite(const TestRequest& req, util::ProcessRunner& runner, TestOutcome& out) {
    const auto& test = req.recipe->test;
    if ((test.suite_args.empty() && test.suite_script.empty()) || !req.run_suite) return true;
    out.suite_ran = true;
    std::vector<std::string> args = {"-rfE", "-p", "no:cacheprovider", "-p", "no:faulthandler", "--capture=sys",
                                     "--color=no"};
    args.insert(args.end(), test.suite_args.begin(), test.suite_args.end());
    PyodideRun run = req.base;
    run.wheels = req.wheels;
    run.wheels.insert(run.wheels.end(), req.suite_wheels.begin(), req.suite_wheels.end());
    run.mounts.push_back({req.work, "/work", true});
    run.cwd = "/work";
    run.argv = {"pytest"};
    // pytest names tests relative to its root. A suite of installed tests (--pyargs) runs from
    // site-packages, its root too, so ids start with the package (numpy/_core/tests/...); a suite of
    // test files kept from the source tree runs where they are (/work: Tests/...).
    if (test.suite_files.empty()) {
        run.code = fmt::format("import os, site, sys, pytest\n"
                               "os.chdir(site.getsitepackages()[0])\n"
                               "sys.exit(pytest.main(['--rootdir', os.getcwd()] + {}))\n",
                               nlohmann::json(args).dump());
    } else {
        run.code = fmt::format("import sys, pytest\nsys.exit(pytest.main({}))\n", nlohmann::json(args).dump());
    }
    if (!test.suite_script.empty()) {  // the recipe's own runner, printing pytest's summary lines
        auto code = util::read_file(req.recipe_dir / test.suite_script);
        if (!code) return fail(out, "suite", code.error().message);
        run.argv = {test.suite_script};
        run.argv.insert(run.argv.end(), test.suite_args.begin(), test.suite_args.end());
        run.code = *code;
    }
    run.log.clear();  // captured: the report is parsed from it
    if (run.timeout.count() == 0) run.timeout = k_suite_timeout;
    util::append_line(req.base.log, "wasm-build: pytest " + util::join(args, " "));
    auto r = run_pyodide(run, runner);
    if (!r) return fail(out, "suite", r.error().message);
    util::append_line(req.base.log, r->output);
    out.report = PytestReport::parse(r->output);
    out.judgement = judge(out.report, test.expected_failures);
    if (r->timed_out && !out.report.finished) {
        return fail(out, "suite", fmt::format("stopped after {} s: the test run did not finish", run.timeout.count()));
    }
    if (!out.report.finished) {
        return fail(out, "suite", fmt::format("the test run did not finish (exit {}): the runtime crashed or pytest "
                                              "could not start", r->exit_code));
    }
    if (!out.judgement.unexpected.empty()) {
        return fail(out, "suite", fmt::format("{} unexpected failure(s), first: {}", out.judgement.unexpected.size(),
                                              out.judgement.unexpected.front()));
    }
    if (out.report.passed < test.min_passed) {
        return fail(out, "suite", fmt::format("{} tests passed, fewer than the recipe's bar of {}", out.report.passed,
                                              test.min_passed));
    }
    return true;
}

}  // namespace

std::string smoke_program(const recipe::Recipe& recipe, const std::string& smoke) {
    std::string code = "import importlib\nprint('@@wb phase imports')\n";
    code += fmt::format("for _name in {}:\n    importlib.import_module(_name)\n    print('import', _name, 'ok')\n",
                        nlohmann::json(recipe.test.imports).dump());
    if (!smoke.empty()) {
        code += "print('@@wb phase smoke')\n";
        code += fmt::format("exec(compile({}, 'smoke test', 'exec'), {{'__name__': '__main__'}})\n",
                            nlohmann::json(smoke).dump());
    }
    return code + "print('@@wb phase done')\n";
}

TestOutcome test_package(const TestRequest& req, util::ProcessRunner& runner) {
    auto start = std::chrono::steady_clock::now();
    TestOutcome out;
    out.name = req.recipe->name;
    { std::ofstream truncate(req.base.log, std::ios::trunc); }
    out.ok = run_smoke(req, runner, out) && run_suite(req, runner, out);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace wb::runtime
