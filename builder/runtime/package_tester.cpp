#include "runtime/package_tester.hpp"

#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::runtime {
namespace fs = std::filesystem;

namespace {

void log_line(const fs::path& log, const std::string& text) { std::ofstream(log, std::ios::app) << text << "\n"; }

/// Runs the interpreter; output goes to the log (and is captured when capture is set).
util::Expected<util::ProcessResult> run_python(const TestRequest& req, util::ProcessRunner& runner,
                                               const std::vector<std::string>& args, const fs::path& cwd,
                                               bool capture) {
    util::Command cmd = req.interpreter.command(args, cwd);
    if (!capture) cmd.log = req.log;
    log_line(req.log, "wasm-build: running " + util::join(cmd.argv, " ") + " in " + cwd.string());
    auto r = runner.run(cmd);
    if (r && capture) log_line(req.log, r->output);
    return r;
}

std::string smoke_code(const TestRequest& req) {
    const auto& script = req.recipe->test.script;
    fs::path file = req.project_dir / req.recipe->dir() / util::trim(script);
    std::error_code ec;
    if (script.find('\n') == std::string::npos && fs::is_regular_file(file, ec)) {
        auto text = util::read_file(file);
        if (text) return *text;
    }
    return script;
}

bool fail(TestOutcome& out, const std::string& phase, const std::string& error) {
    out.ok = false;
    out.failed_phase = phase;
    out.error = error;
    return false;
}

bool run_imports(const TestRequest& req, util::ProcessRunner& runner, TestOutcome& out) {
    if (req.recipe->test.imports.empty()) return true;
    std::string code = "import importlib\nfor name in '" + util::join(req.recipe->test.imports, ",") +
                       "'.split(','):\n    importlib.import_module(name)\n    print('import', name, 'ok')\n";
    auto r = run_python(req, runner, {"-c", code}, req.site, false);
    if (!r) return fail(out, "imports", r.error().message);
    if (!r->ok()) return fail(out, "imports", fmt::format("importing {} failed (exit {})",
                                                          util::join(req.recipe->test.imports, ", "), r->exit_code));
    return true;
}

bool run_smoke(const TestRequest& req, util::ProcessRunner& runner, TestOutcome& out) {
    if (req.recipe->test.script.empty()) return true;
    auto tmp = util::make_temp_dir(util::temp_root(), "wb-smoke-");
    if (!tmp) return fail(out, "smoke", tmp.error().message);
    auto r = run_python(req, runner, {"-c", smoke_code(req)}, *tmp, false);
    util::remove_tree_quiet(*tmp);
    if (!r) return fail(out, "smoke", r.error().message);
    if (!r->ok()) return fail(out, "smoke", fmt::format("smoke test failed (exit {})", r->exit_code));
    return true;
}

bool run_suite(const TestRequest& req, util::ProcessRunner& runner, TestOutcome& out) {
    const auto& test = req.recipe->test;
    if (test.suite_args.empty() || !req.run_suite) return true;
    out.suite_ran = true;
    std::vector<std::string> args = {"-m", "pytest", "-rfE", "-p", "no:cacheprovider", "-p", "no:faulthandler",
                                     "--capture=sys", "--color=no"};
    args.insert(args.end(), test.suite_args.begin(), test.suite_args.end());
    auto r = run_python(req, runner, args, req.site, true);
    if (!r) return fail(out, "suite", r.error().message);
    out.report = PytestReport::parse(r->output);
    out.judgement = judge(out.report, test.expected_failures);
    if (!out.report.finished) {
        return fail(out, "suite", fmt::format("the test run did not finish (exit {}): the interpreter crashed or "
                                              "pytest could not start", r->exit_code));
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

TestOutcome test_package(const TestRequest& req, util::ProcessRunner& runner) {
    auto start = std::chrono::steady_clock::now();
    TestOutcome out;
    out.name = req.recipe->name;
    { std::ofstream truncate(req.log, std::ios::trunc); }
    out.ok = run_imports(req, runner, out) && run_smoke(req, runner, out) && run_suite(req, runner, out);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace wb::runtime
