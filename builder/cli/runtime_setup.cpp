#include "cli/runtime_setup.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/site_env.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

util::Expected<BuiltSet> build_for_runtime(Session& session, const std::vector<std::string>& targets, bool keep_going) {
    const recipe::Recipe* rt = session.recipes().runtime();
    if (!rt) return util::fail(util::ErrorKind::Input, "no recipe has build type 'runtime' (expected recipes/python)");
    std::vector<std::string> names = targets;
    if (names.empty()) {
        for (const auto& r : session.recipes().all()) names.push_back(r.name);
    }
    std::vector<std::string> with_runtime = names;
    if (std::find(names.begin(), names.end(), rt->name) == names.end()) with_runtime.push_back(rt->name);
    auto graph = session.graph(with_runtime);
    if (!graph) return tl::unexpected(graph.error());
    BuiltSet built{std::move(*graph), {}, {}, 0};
    auto summary = session.build(built.graph, engine::RunOptions{session.jobs(), keep_going, false});
    if (!summary) return tl::unexpected(summary.error());
    built.summary = std::move(*summary);
    built.runtime = built.graph.find(rt->name);
    for (const auto& n : names) built.requested.push_back(built.graph.find(n));
    const auto& rt_result = built.summary.results[built.runtime];
    if (rt_result.outcome != engine::Outcome::Built && rt_result.outcome != engine::Outcome::Cached) {
        return util::fail(util::ErrorKind::Build, fmt::format("the runtime ({}) could not be built: {}", rt->name,
                                                              rt_result.error));
    }
    return built;
}

namespace {

runtime::Interpreter base_interpreter(const Session& session, const engine::BuildResult& runtime_result) {
    runtime::Interpreter in;
    in.prefix = runtime_result.prefix();
    in.python_short = const_cast<Session&>(session).context().platform.python_short();
    return in;
}

}  // namespace

util::Expected<runtime::TestRequest> make_test_request(Session& session, const BuiltSet& built, size_t i, bool suite) {
    auto& ctx = session.context();
    const auto& node = built.graph.node(i);
    const auto& result = built.summary.results[i];
    if (result.outcome != engine::Outcome::Built && result.outcome != engine::Outcome::Cached) {
        return util::fail(util::ErrorKind::Build, fmt::format("{} was not built ({})", node.recipe->name,
                                                              engine::outcome_name(result.outcome)));
    }
    runtime::TestRequest req;
    req.recipe = node.recipe;
    req.project_dir = ctx.project_dir;
    req.interpreter = base_interpreter(session, built.summary.results[built.runtime]);
    req.interpreter.hermetic = true;
    req.log = ctx.layout.log(ctx.platform.name, node.recipe->name + ".test");
    req.run_suite = suite;
    std::error_code ec;
    fs::create_directories(req.log.parent_path(), ec);
    fs::create_directories(ctx.layout.envs(), ec);
    if (node.recipe->type == recipe::BuildType::Runtime) {
        auto empty = runtime::make_site_env(ctx.layout.envs(), {});
        if (!empty) return tl::unexpected(empty.error());
        req.site = *empty;
        return req;
    }
    std::vector<fs::path> wheels = {result.wheel};
    for (size_t d : built.graph.transitive_run_deps(i)) {
        const auto& dep = built.summary.results[d];
        if (dep.wheel.empty()) {
            return util::fail(util::ErrorKind::Build, fmt::format("run dependency {} of {} has no wheel ({})", dep.name,
                                                                  node.recipe->name, engine::outcome_name(dep.outcome)));
        }
        wheels.push_back(dep.wheel);
    }
    auto site = runtime::make_site_env(ctx.layout.envs(), wheels, {result.dir / "test-data"});
    if (!site) return tl::unexpected(site.error());
    req.site = *site;
    req.interpreter.path.push_back(*site);
    if (suite && !node.recipe->test.suite_args.empty()) {
        auto tools = runtime::make_test_tools_env(ctx.layout.envs(), "/usr/lib/python3/dist-packages");
        if (!tools) return tl::unexpected(tools.error());
        req.test_tools = *tools;
        req.interpreter.path.push_back(*tools);
    }
    return req;
}

util::Expected<runtime::Interpreter> interpreter_with(Session& session, const std::vector<std::string>& targets) {
    auto built = build_for_runtime(session, targets.empty() ? std::vector<std::string>{session.recipes().runtime()
                                                                                           ? session.recipes().runtime()->name
                                                                                           : "python"}
                                                            : targets,
                                   false);
    if (!built) return tl::unexpected(built.error());
    auto& ctx = session.context();
    std::vector<fs::path> wheels;
    if (targets.empty()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(ctx.project_dir / "dist", ec)) {
            if (e.path().extension() == ".whl") wheels.push_back(e.path());
        }
    } else {
        for (size_t i = 0; i < built->graph.size(); ++i) {
            const auto& r = built->summary.results[i];
            if (!r.wheel.empty() && (r.outcome == engine::Outcome::Built || r.outcome == engine::Outcome::Cached)) {
                wheels.push_back(r.wheel);
            }
        }
    }
    std::sort(wheels.begin(), wheels.end());
    runtime::Interpreter in = base_interpreter(session, built->summary.results[built->runtime]);
    std::error_code ec;
    fs::create_directories(ctx.layout.envs(), ec);
    auto site = runtime::make_site_env(ctx.layout.envs(), wheels);
    if (!site) return tl::unexpected(site.error());
    in.path.push_back(*site);
    return in;
}

}  // namespace wb::cli
