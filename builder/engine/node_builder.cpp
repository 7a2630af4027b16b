#include "engine/node_builder.hpp"

#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "archive/unpack.hpp"
#include "engine/build_environment.hpp"
#include "engine/log_tail.hpp"
#include "engine/package_wheel.hpp"
#include "engine/source_step.hpp"
#include "util/file_lock.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

namespace {

void log_line(const fs::path& log, const std::string& text) {
    std::ofstream out(log, std::ios::app);
    out << text << "\n";
}

/// One failed step: the message names the step, the exit code, the last lines and the log.
BuildResult& fail_step(BuildResult& r, const std::string& step, const std::string& message) {
    r.outcome = Outcome::Failed;
    r.failed_step = step;
    r.error = message;
    log_line(r.log, fmt::format("wasm-build: step '{}' failed: {}", step, message));
    return r;
}

util::Expected<util::ProcessResult> run_script(const BuildContext& ctx, const std::string& script,
                                               const util::Environment& env, const fs::path& cwd, const fs::path& log) {
    log_line(log, "wasm-build: running in " + cwd.string() + ":\n" + script);
    util::Command cmd;
    cmd.argv = {"bash", "-euo", "pipefail", "-c", script};
    cmd.env = env;
    cmd.cwd = cwd;
    cmd.log = log;
    return ctx.services.runner.run(cmd);
}

std::string script_failure(const util::ProcessResult& p, const fs::path& log) {
    if (p.interrupted) return "interrupted";
    std::string why = p.timed_out ? "timed out" : fmt::format("exit code {}", p.exit_code);
    return fmt::format("{}\n{}\n(full log: {})", why, last_lines(log, 25), log.string());
}

}  // namespace

std::string package_build_script(const BuildContext& ctx, const recipe::Recipe& recipe) {
    std::string py = util::shell_quote(ctx.build_python.string());
    std::string out = env_exports(recipe);
    if (!recipe.script.empty()) out += recipe.script + "\n";
    out += fmt::format("{} setup.py build {}\n", py, recipe.backend_flags);
    out += fmt::format("{} setup.py install --root=\"$WB_STAGE\" --prefix=/ --install-lib=/site "
                       "--install-scripts=/scripts --install-data=/data --install-headers=/headers\n", py);
    return out;
}

BuildResult build_node(const BuildContext& ctx, const NodeInputs& in) {
    const recipe::Recipe& recipe = *in.node->recipe;
    auto start = std::chrono::steady_clock::now();
    BuildResult r;
    r.name = recipe.name;
    r.version = recipe.version;
    r.type = recipe::build_type_name(recipe.type);
    r.inputs = in.key_inputs;
    r.key = in.key_inputs.key();
    r.reasons = in.reasons;
    r.dir = ctx.layout.build_dir(ctx.platform.name, recipe.name, r.key);
    r.log = ctx.layout.log(ctx.platform.name, recipe.name);
    std::error_code ec;
    // Another wasm-build sharing this cache may be building the same thing: wait for it, then use
    // its result rather than building twice.
    fs::create_directories(r.dir.parent_path(), ec);
    auto lock = util::FileLock::acquire(r.dir.parent_path() / ".lock");
    if (!lock) return fail_step(r, "lock", lock.error().message);
    if (auto done = read_result(r.dir)) {
        done->outcome = Outcome::Cached;
        return *done;
    }
    fs::create_directories(r.log.parent_path(), ec);
    { std::ofstream truncate(r.log, std::ios::trunc); }
    log_line(r.log, fmt::format("wasm-build: building {} {} for {} (key {})", r.name, r.version, ctx.platform.name, r.key));

    util::remove_tree_quiet(r.dir);  // an unfinished earlier attempt
    fs::path work = ctx.layout.work(ctx.platform.name, recipe.name, r.key);
    util::remove_tree_quiet(work);
    StepPaths paths{{}, r.dir / "prefix", work / "stage"};
    fs::create_directories(paths.prefix, ec);
    fs::create_directories(paths.stage, ec);

    auto source = prepare_source(ctx, recipe, work, r.log);
    if (!source) {
        util::remove_tree_quiet(r.dir);
        return fail_step(r, source.error().step, source.error().error.message);
    }
    paths.source = *source;

    util::Environment env = make_build_environment(ctx, recipe, paths, in.deps, in.runtime);
    std::string script = recipe.type == recipe::BuildType::Package ? package_build_script(ctx, recipe)
                                                                   : env_exports(recipe) + recipe.script;
    auto proc = run_script(ctx, script, env, paths.source, r.log);
    if (!proc || !proc->ok()) {
        util::remove_tree_quiet(r.dir);
        return fail_step(r, "build", proc ? script_failure(*proc, r.log) : proc.error().message);
    }
    if (recipe.type == recipe::BuildType::Package && !in.runtime && has_extension_modules(paths.stage / "site")) {
        util::remove_tree_quiet(r.dir);
        return fail_step(r, "wheel", fmt::format("{}: the build made extension modules but the project has no runtime "
                                                 "recipe to build them against", recipe.file.string()));
    }
    if (recipe.type == recipe::BuildType::Package) {
        auto wheel = make_package_wheel(ctx, recipe, paths.stage / "site", r.dir / "dist");
        if (!wheel) {
            util::remove_tree_quiet(r.dir);
            return fail_step(r, "wheel", wheel.error().message);
        }
        r.wheel = *wheel;
        for (const auto& data : recipe.test.suite_data) {
            fs::path from = paths.source / data;
            if (!fs::exists(from, ec)) {
                util::remove_tree_quiet(r.dir);
                return fail_step(r, "wheel", fmt::format("{}: test.suite.data names '{}', which is not in the source "
                                                         "tree", recipe.file.string(), data));
            }
            fs::create_directories((r.dir / "test-data" / data).parent_path(), ec);
            fs::copy(from, r.dir / "test-data" / data, fs::copy_options::recursive, ec);
        }
        r.wheel_size = fs::file_size(*wheel, ec);
        util::remove_tree_quiet(paths.prefix);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.build_seconds = r.seconds;
    r.outcome = Outcome::Built;
    fs::copy_file(r.log, r.dir / "build.log", fs::copy_options::overwrite_existing, ec);
    if (auto w = write_result(r); !w) {
        util::remove_tree_quiet(r.dir);
        return fail_step(r, "record", w.error().message);
    }
    util::remove_tree_quiet(work);
    return r;
}

}  // namespace wb::engine
