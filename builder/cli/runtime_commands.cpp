// `wasm-build test [NAME…]` and `wasm-build python [ARGS…]`: the wasm runtime under Node, with
// built wheels installed into a site-packages it sees.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/build_options.hpp"
#include "cli/command.hpp"
#include "cli/runtime_setup.hpp"
#include "cli/session.hpp"
#include "runtime/package_tester.hpp"
#include "util/atomic_file.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

nlohmann::json outcome_json(const runtime::TestOutcome& o) {
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& [id, reason] : o.judgement.expected) expected.push_back({{"test", id}, {"reason", reason}});
    return {{"name", o.name}, {"ok", o.ok}, {"failed_phase", o.failed_phase}, {"error", o.error},
            {"seconds", o.seconds}, {"suite_ran", o.suite_ran},
            {"passed", o.report.passed}, {"failed", o.report.failed}, {"errors", o.report.errors},
            {"skipped", o.report.skipped}, {"xfailed", o.report.xfailed}, {"xpassed", o.report.xpassed},
            {"expected_failures", expected}, {"unexpected_failures", o.judgement.unexpected},
            {"stale_expectations", o.judgement.stale}};
}

void print_outcome(const runtime::TestOutcome& o, const fs::path& log) {
    std::string suite;
    if (o.suite_ran) {
        suite = fmt::format(", suite: {} passed, {} failed ({} expected), {} skipped", o.report.passed,
                            o.report.failed + o.report.errors, o.judgement.expected.size(), o.report.skipped);
    }
    if (o.ok) {
        fmt::print(stderr, "Tested {}: ok{} in {:.0f}s\n", o.name, suite, o.seconds);
    } else {
        fmt::print(stderr, "FAILED: test {} ({}): {}{}\nlog: {}\n", o.name, o.failed_phase, o.error, suite, log.string());
        for (size_t i = 0; i < o.judgement.unexpected.size() && i < 20; ++i) {
            fmt::print(stderr, "  unexpected failure: {}\n", o.judgement.unexpected[i]);
        }
    }
    for (const auto& stale : o.judgement.stale) fmt::print(stderr, "  note: expected failure did not occur: {}\n", stale);
}

int run_test(const GlobalOptions& global, const BuildCommandOptions& options, bool no_suite) {
    auto session = Session::open(global, options);
    if (!session) return report_error(session.error());
    Session& s = **session;
    auto built = build_for_runtime(s, options.targets, options.keep_going);
    if (!built) return report_error(built.error());
    int failures = built->summary.ok() ? 0 : 1;
    nlohmann::json results = nlohmann::json::array();
    util::RealProcessRunner runner;
    for (size_t i : built->requested) {
        const auto& recipe = *built->graph.node(i).recipe;
        if (recipe.type == recipe::BuildType::StaticLibrary || recipe.type == recipe::BuildType::SharedLibrary) continue;
        auto request = make_test_request(s, *built, i, !no_suite);
        if (!request) {
            ++failures;
            fmt::print(stderr, "FAILED: test {}: {}\n", recipe.name, request.error().message);
            continue;
        }
        fmt::print(stderr, "Testing {} in the wasm runtime\n", recipe.name);
        auto outcome = runtime::test_package(*request, runner);
        print_outcome(outcome, request->log);
        nlohmann::json j = outcome_json(outcome);
        j["log"] = request->log.string();
        util::write_file_atomic(fs::path(request->log).replace_extension(".json"), j.dump(2) + "\n");
        results.push_back(j);
        failures += !outcome.ok;
    }
    if (s.json()) fmt::print("{}\n", nlohmann::json{{"tests", results}}.dump(2));
    return failures ? 1 : 0;
}

int run_python(const GlobalOptions& global, const BuildCommandOptions& options, const std::vector<std::string>& args) {
    auto session = Session::open(global, options);
    if (!session) return report_error(session.error());
    Session& s = **session;
    auto interpreter = interpreter_with(s, options.targets);
    if (!interpreter) return report_error(interpreter.error());
    util::Error e = runtime::exec_interpreter(*interpreter, args);
    return report_error(e);
}

}  // namespace

void register_runtime_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<BuildCommandOptions>();
    auto no_suite = std::make_shared<bool>(false);
    CLI::App* test = app.add_subcommand("test", "Build, then test packages inside the wasm runtime under Node");
    add_build_options(*test, *options);
    test->add_flag("-k,--keep-going", options->keep_going, "Test what could be built even if something failed");
    test->add_flag("--no-suite", *no_suite, "Only imports and smoke tests, not the package's own test suite");
    test->callback([&global, &exit_code, options, no_suite] { exit_code = run_test(global, *options, *no_suite); });

    auto py_options = std::make_shared<BuildCommandOptions>();
    CLI::App* python = app.add_subcommand("python", "Run the wasm CPython under Node with built wheels installed "
                                                    "(arguments after -- go to Python)");
    python->add_option("--with", py_options->targets, "Packages to install (built if needed; default: all in dist/)")
        ->delimiter(',');
    python->add_option("--platform", py_options->platform, "Target platform")->capture_default_str();
    python->add_flag("--offline", py_options->offline, "Use only sources already in the store");
    python->fallthrough(false);
    python->prefix_command();
    python->callback([&global, &exit_code, py_options, python] {
        exit_code = run_python(global, *py_options, python->remaining());
    });
}

}  // namespace wb::cli
