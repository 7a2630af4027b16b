// `wasm-build test [NAME…]` and `wasm-build python [ARGS…]`: built wheels in the platform's stock
// Pyodide under Node, inside the sandbox.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/build_options.hpp"
#include "cli/command.hpp"
#include "cli/session.hpp"
#include "runtime/package_tester.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

nlohmann::json outcome_json(const runtime::TestOutcome& o, const std::string& platform) {
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& [id, reason] : o.judgement.expected) expected.push_back({{"test", id}, {"reason", reason}});
    return {{"name", o.name}, {"platform", platform}, {"ok", o.ok}, {"failed_phase", o.failed_phase},
            {"error", o.error}, {"seconds", o.seconds}, {"suite_ran", o.suite_ran},
            {"passed", o.report.passed}, {"failed", o.report.failed}, {"errors", o.report.errors},
            {"skipped", o.report.skipped}, {"xfailed", o.report.xfailed}, {"xpassed", o.report.xpassed},
            {"expected_failures", expected}, {"unexpected_failures", o.judgement.unexpected},
            {"stale_expectations", o.judgement.stale}};
}

void print_outcome(const runtime::TestOutcome& o, const std::string& platform, const fs::path& log) {
    std::string suite;
    if (o.suite_ran) {
        suite = fmt::format(", suite: {} passed, {} failed ({} expected), {} skipped", o.report.passed,
                            o.report.failed + o.report.errors, o.judgement.expected.size(), o.report.skipped);
    }
    if (o.ok) {
        fmt::print(stderr, "Tested {} [{}]: ok{} in {:.0f}s\n", o.name, platform, suite, o.seconds);
    } else {
        fmt::print(stderr, "FAILED: test {} [{}] ({}): {}{}\nlog: {}\n", o.name, platform, o.failed_phase, o.error,
                   suite, log.string());
        for (size_t i = 0; i < o.judgement.unexpected.size() && i < 20; ++i) {
            fmt::print(stderr, "  unexpected failure: {}\n", o.judgement.unexpected[i]);
        }
    }
    for (const auto& stale : o.judgement.stale) fmt::print(stderr, "  note: expected failure did not occur: {}\n", stale);
}

/// The wheels of a node and of everything it needs at run time (dependencies first), own wheel only.
util::Expected<std::vector<fs::path>> run_wheels(const graph::BuildGraph& graph, const engine::RunSummary& summary,
                                                 size_t i) {
    std::vector<fs::path> out;
    std::vector<size_t> nodes = graph.transitive_run_deps(i);
    std::reverse(nodes.begin(), nodes.end());
    nodes.push_back(i);
    for (size_t n : nodes) {
        const auto& r = summary.results[n];
        if (!r.ok()) return util::fail(util::ErrorKind::Build, fmt::format("{} was not built", graph.node(n).id()));
        if (!r.wheels.empty()) out.push_back(r.wheel());
    }
    return out;
}

/// The base of every Pyodide run for a platform: its runtime, root, tools and scratch space.
util::Expected<runtime::PyodideRun> pyodide_base(Session& s, const platform::Platform& p) {
    runtime::PyodideRun run;
    auto dir = s.runtimes().ensure(p.runtime);
    if (!dir) return tl::unexpected(dir.error());
    auto tools = runtime::install_runtime_tools(s.context().layout.tools());
    if (!tools) return tl::unexpected(tools.error());
    run.runtime_dir = *dir;
    run.toolchain_root = s.context().toolchain_for(p).root;
    run.tools_dir = *tools;
    run.scratch = s.context().layout.tmp();
    return run;
}

util::Expected<runtime::TestRequest> make_request(Session& s, const graph::BuildGraph& graph,
                                                  const engine::RunSummary& summary, size_t i, bool suite) {
    const auto& node = graph.node(i);
    runtime::TestRequest req;
    req.recipe = node.recipe;
    req.recipe_dir = s.context().project_dir / node.recipe->dir();
    auto base = pyodide_base(s, *node.platform);
    if (!base) return tl::unexpected(base.error());
    req.base = std::move(*base);
    req.base.log = s.context().layout.log(node.platform->name, node.recipe->name + ".test");
    std::error_code ec;
    fs::create_directories(req.base.log.parent_path(), ec);
    auto wheels = run_wheels(graph, summary, i);
    if (!wheels) return tl::unexpected(wheels.error());
    req.wheels = std::move(*wheels);
    const auto& own = summary.results[i];
    for (size_t w = 1; w < own.wheels.size(); ++w) req.suite_wheels.push_back(own.dir / own.wheels[w].path);
    for (const auto& name : node.recipe->test.suite_requires) {
        size_t t = graph.find(name, *node.platform);
        if (t == graph.size()) continue;
        auto tool = run_wheels(graph, summary, t);
        if (!tool) return tl::unexpected(tool.error());
        for (const auto& w : *tool) {
            if (std::find(req.wheels.begin(), req.wheels.end(), w) == req.wheels.end() &&
                std::find(req.suite_wheels.begin(), req.suite_wheels.end(), w) == req.suite_wheels.end()) {
                req.suite_wheels.push_back(w);
            }
        }
    }
    req.work = s.context().layout.envs() / fmt::format("test-{}-{}", node.platform->name, node.recipe->name);
    util::remove_tree_quiet(req.work);
    fs::create_directories(req.work, ec);
    if (fs::is_directory(own.dir / "test-files", ec)) {  // test.suite.files: a fresh, writable copy
        if (auto c = util::copy_tree(own.dir / "test-files", req.work); !c) return tl::unexpected(c.error());
    }
    req.run_suite = suite;
    return req;
}

int run_test(const GlobalOptions& global, const BuildCommandOptions& options, bool no_suite) {
    auto session = Session::open(global, options);
    if (!session) return report_error(session.error());
    Session& s = **session;
    std::vector<std::string> targets = options.targets;
    if (targets.empty()) {
        for (const auto& r : s.recipes().all()) {
            if (r.type == recipe::BuildType::Package) targets.push_back(r.name);
        }
    }
    std::vector<std::string> all = targets;
    for (const auto& name : targets) {
        if (const auto* r = s.recipes().find(name)) all.insert(all.end(), r->test.suite_requires.begin(),
                                                               r->test.suite_requires.end());
    }
    auto graph = s.graph(all);
    if (!graph) return report_error(graph.error());
    auto summary = s.build(*graph, options.keep_going, false);
    if (!summary) return report_error(summary.error());
    int failures = summary->ok() ? 0 : 1;
    nlohmann::json results = nlohmann::json::array();
    for (size_t i : graph->requested()) {
        const auto& node = graph->node(i);
        if (node.recipe->type != recipe::BuildType::Package ||
            std::find(targets.begin(), targets.end(), node.recipe->name) == targets.end()) {
            continue;
        }
        auto request = make_request(s, *graph, *summary, i, !no_suite);
        if (!request) {
            ++failures;
            fmt::print(stderr, "FAILED: test {}: {}\n", node.id(), request.error().message);
            continue;
        }
        fmt::print(stderr, "Testing {} in {}\n", node.id(), node.platform->runtime.id());
        auto outcome = runtime::test_package(*request, s.runner());
        print_outcome(outcome, node.platform->name, request->base.log);
        nlohmann::json j = outcome_json(outcome, node.platform->name);
        j["log"] = request->base.log.string();
        (void)util::write_file_atomic(fs::path(request->base.log).replace_extension(".json"), j.dump(2) + "\n");
        results.push_back(j);
        failures += !outcome.ok;
    }
    if (s.json()) fmt::print("{}\n", nlohmann::json{{"tests", results}}.dump(2));
    return failures ? 1 : 0;
}

/// `python -c CODE …`, `python -m MOD …` or `python SCRIPT …`, as CPython's command line reads them.
util::Expected<void> python_invocation(const std::vector<std::string>& args, runtime::PyodideRun& run) {
    if (args.empty()) {
        return util::fail(util::ErrorKind::Usage, "expected -c CODE, -m MODULE or a script after -- (there is no "
                                                  "interactive prompt)");
    }
    if (args[0] == "-c" && args.size() >= 2) {
        run.argv = {"-c"};
        run.argv.insert(run.argv.end(), args.begin() + 2, args.end());
        run.code = args[1];
    } else if (args[0] == "-m" && args.size() >= 2) {
        run.argv.assign(args.begin() + 1, args.end());
        run.code = fmt::format("import runpy\nrunpy.run_module({}, run_name='__main__', alter_sys=True)\n",
                               nlohmann::json(args[1]).dump());
    } else {
        fs::path script = fs::absolute(args[0]);
        run.argv.assign(args.begin(), args.end());
        run.argv[0] = script.string();
        run.mounts.push_back({script.parent_path(), script.parent_path(), false});
        run.code = fmt::format("import runpy\nrunpy.run_path({}, run_name='__main__')\n",
                               nlohmann::json(script.string()).dump());
    }
    return {};
}

int run_python(const GlobalOptions& global, BuildCommandOptions options, const std::vector<std::string>& args) {
    bool named = !options.platforms.empty();
    auto session = Session::open(global, options);
    if (!session) return report_error(session.error());
    Session& s = **session;
    const platform::Platform& p = named ? *s.platforms().front() : s.platform_set().default_platform();
    auto base = pyodide_base(s, p);
    if (!base) return report_error(base.error());
    runtime::PyodideRun run = std::move(*base);
    if (!options.targets.empty()) {
        auto graph = graph::BuildGraph::make(s.recipes(), options.targets, {&p});
        if (!graph) return report_error(graph.error());
        auto summary = s.build(*graph, false, false);
        if (!summary) return report_error(summary.error());
        if (!summary->ok()) return 1;
        for (size_t i : graph->requested()) {
            auto wheels = run_wheels(*graph, *summary, i);
            if (!wheels) return report_error(wheels.error());
            for (const auto& w : *wheels) {
                if (std::find(run.wheels.begin(), run.wheels.end(), w) == run.wheels.end()) run.wheels.push_back(w);
            }
        }
    } else {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(s.context().project_dir / "dist" / p.name, ec)) {
            std::string name = e.path().filename().string();
            if (e.path().extension() == ".whl" && name.find("_tests-") == std::string::npos) run.wheels.push_back(e.path());
            if (e.path().extension() == ".zip") run.wheels.push_back(e.path());  // shared-library packages
        }
        std::sort(run.wheels.begin(), run.wheels.end());
    }
    if (auto inv = python_invocation(args, run); !inv) return report_error(inv.error());
    fs::path cwd = fs::current_path();
    run.mounts.push_back({cwd, cwd, true});
    run.cwd = cwd;
    run.inherit_output = true;
    auto r = runtime::run_pyodide(run, s.runner());
    if (!r) return report_error(r.error());
    if (r->interrupted) return 130;
    return r->exit_code;
}

/// `wasm-build runtime [--platform P]`: the platform's stock runtime, fetched and checked if needed;
/// prints where it is (for tools and tests that load it themselves).
int run_runtime(const GlobalOptions& global, const BuildCommandOptions& options) {
    auto session = Session::open(global, options, /*need_toolchains=*/false);
    if (!session) return report_error(session.error());
    Session& s = **session;
    const platform::Platform& p = options.platforms.empty() ? s.platform_set().default_platform()
                                                            : *s.platforms().front();
    auto dir = s.runtimes().ensure(p.runtime);
    if (!dir) return report_error(dir.error());
    fmt::print("{}\n", dir->string());
    return 0;
}

}  // namespace

void register_runtime_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<BuildCommandOptions>();
    auto no_suite = std::make_shared<bool>(false);
    CLI::App* test = app.add_subcommand("test", "Build, then test packages in their platform's stock Pyodide");
    add_build_options(*test, *options);
    test->add_flag("-k,--keep-going", options->keep_going, "Test what could be built even if something failed");
    test->add_flag("--no-suite", *no_suite, "Only imports and smoke tests, not the package's own test suite");
    test->callback([&global, &exit_code, options, no_suite] { exit_code = run_test(global, *options, *no_suite); });

    auto rt_options = std::make_shared<BuildCommandOptions>();
    CLI::App* rt = app.add_subcommand("runtime", "Print the directory of a platform's stock runtime (fetched from npm "
                                                 "and checked against its pinned integrity on first use)");
    rt->add_option("--platform", rt_options->platforms, "Platform (default: the default platform)");
    rt->add_flag("--offline", rt_options->offline, "Only a runtime already in the store");
    rt->callback([&global, &exit_code, rt_options] { exit_code = run_runtime(global, *rt_options); });

    auto py_options = std::make_shared<BuildCommandOptions>();
    CLI::App* python = app.add_subcommand("python", "Run Python in a platform's stock Pyodide with built wheels "
                                                    "installed (arguments after -- go to Python)");
    python->add_option("--with", py_options->targets, "Packages to install (built if needed; default: all in dist/)")
        ->delimiter(',');
    python->add_option("--platform", py_options->platforms, "Platform (default: the default platform)");
    python->add_flag("--offline", py_options->offline, "Use only sources already in the store");
    python->fallthrough(false);
    python->prefix_command();
    python->callback([&global, &exit_code, py_options, python] {
        exit_code = run_python(global, *py_options, python->remaining());
    });
}

}  // namespace wb::cli
