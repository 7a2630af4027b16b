#include "engine/local_node_runner.hpp"

#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "engine/abi_step.hpp"
#include "engine/build_environment.hpp"
#include "engine/log_tail.hpp"
#include "engine/prebuilt_wheel.hpp"
#include "engine/shared_library_step.hpp"
#include "engine/source_step.hpp"
#include "engine/wheel_step.hpp"
#include "specs/specifier.hpp"
#include "specs/wheel_name.hpp"
#include "wheel/wheel_reader.hpp"
#include "sandbox/sandbox.hpp"
#include "util/file_lock.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

namespace {

/// One failed step: the message names the step, and the log keeps it.
BuildResult& fail_step(BuildResult& r, const std::string& step, const std::string& message) {
    r.outcome = Outcome::Failed;
    r.failed_step = step;
    r.error = message;
    util::append_line(r.log, fmt::format("wasm-build: step '{}' failed: {}", step, message));
    util::remove_tree_quiet(r.dir);
    return r;
}

std::string script_failure(const util::ProcessResult& p, const fs::path& log) {
    if (p.interrupted) return "interrupted";
    std::string why = p.timed_out ? "timed out" : fmt::format("exit code {}", p.exit_code);
    return fmt::format("{}\n{}\n(full log: {})", why, last_lines(log, 25), log.string());
}

std::vector<const BuildResult*> libraries_of(const NodeJob& job) {
    std::vector<const BuildResult*> out;
    for (const BuildResult* dep : job.deps) {
        if (dep->type != recipe::build_type_name(recipe::BuildType::CrossEnv)) out.push_back(dep);
    }
    return out;
}

/// The source-tree files a package's own test suite reads (test.suite.files), kept in test-files/.
util::Expected<void> keep_test_files(const recipe::Recipe& recipe, const fs::path& source, const fs::path& dir) {
    std::error_code ec;
    for (const auto& f : recipe.test.suite_files) {
        fs::path from = source / f;
        if (!fs::exists(from, ec)) {
            return util::fail(util::ErrorKind::Build, fmt::format("{}: test.suite.files names '{}', which is not in "
                                                                  "the source tree", recipe.file.string(), f));
        }
        fs::path to = dir / "test-files" / f;
        fs::create_directories(to.parent_path(), ec);
        if (fs::is_directory(from, ec)) {
            if (auto c = util::copy_tree(from, to); !c) return c;
        } else if (!fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec)) {
            return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot copy: {}", from.string(), ec.message()));
        }
    }
    return {};
}

}  // namespace

util::Expected<void> requires_python_allows(const recipe::Recipe& recipe, const std::string& metadata,
                                            const std::string& origin, const platform::Platform& platform) {
    std::string specifier;
    for (const auto& line : util::split(metadata, '\n')) {
        if (util::trim(line).empty()) break;  // the headers end at the first blank line
        if (line.starts_with("Requires-Python:")) specifier = std::string(util::trim(line.substr(16)));
    }
    if (specifier.empty()) return {};
    auto python = specs::Version::parse(platform.runtime.python_version);
    if (!python) return tl::unexpected(python.error());
    auto ok = specs::allows(specifier, *python);
    if (!ok) return util::fail(util::ErrorKind::Input, fmt::format("{}: Requires-Python '{}' in {}: {}",
                                                                    recipe.file.string(), specifier, origin,
                                                                    ok.error().message));
    if (!*ok) {
        return util::fail(util::ErrorKind::Build, fmt::format("platform {} runs Python {}, but {} {} requires Python {} "
                                                              "({}): this version cannot be built for it",
                                                              platform.name, platform.runtime.python_version,
                                                              recipe.name, recipe.version, specifier, origin));
    }
    return {};
}

util::Expected<void> check_requires_python(const recipe::Recipe& recipe, const fs::path& pkg_info,
                                           const platform::Platform& platform) {
    std::error_code ec;
    if (!fs::is_regular_file(pkg_info, ec)) return {};  // not an sdist (a local tree): nothing to check
    auto text = util::read_file(pkg_info);
    if (!text) return tl::unexpected(text.error());
    return requires_python_allows(recipe, *text, "its sdist's PKG-INFO", platform);
}

/// The packages of the shared_library host dependencies: what the loader will have put on the
/// library path before this node's modules load.
std::vector<fs::path> shared_library_packages(const NodeJob& job) {
    std::vector<fs::path> out;
    for (const BuildResult* dep : job.deps) {
        if (dep->type != recipe::build_type_name(recipe::BuildType::SharedLibrary)) continue;
        for (const auto& w : dep->wheels) out.push_back(dep->dir / w.path);
    }
    return out;
}

util::Expected<void> LocalNodeRunner::check_abi(const BuildResult& r, const platform::Platform& platform,
                                                const std::vector<fs::path>& shared_libraries) const {
    auto runtime = m_ctx.runtimes(platform.runtime);
    if (!runtime) return tl::unexpected(runtime.error());
    auto abi = runtime_abi(*runtime);
    if (!abi) return tl::unexpected(abi.error());
    std::vector<fs::path> wheels;
    for (const auto& w : r.wheels) wheels.push_back(r.dir / w.path);
    auto warnings = check_wheels(wheels, *abi, platform.name, shared_libraries);
    if (!warnings) return tl::unexpected(warnings.error());
    if (!warnings->empty()) util::append_line(r.log, "wasm-build: ABI check warnings:\n" + *warnings);
    util::append_line(r.log, fmt::format("wasm-build: ABI check against {}: ok", platform.runtime.id()));
    return {};
}

BuildResult LocalNodeRunner::take_wheel(const recipe::Recipe& recipe, const platform::Platform& platform,
                                        BuildResult& r, Clock::time_point start) const {
    auto fetched = fetch_recipe_source(m_ctx, recipe);
    if (!fetched) return fail_step(r, "fetch", fetched.error().message);
    auto metadata = wheel::read_member(*fetched, specs::wheel_escape(recipe.name) + "-" + recipe.version +
                                                     ".dist-info/METADATA");
    if (metadata) {
        auto supported = requires_python_allows(recipe, *metadata, "its wheel's METADATA", platform);
        if (!supported) return fail_step(r, "source", supported.error().message);
    }
    auto product = adopt_pure_wheel(recipe, *fetched, r.dir);
    if (!product) return fail_step(r, "wheel", product.error().message);
    r.wheels = {*product};
    util::append_line(r.log, fmt::format("wasm-build: took the upstream wheel {} as it is", product->path));
    return finish(r, start);
}

/// `build.post`, as Pyodide runs it: inside the built wheel's unpacked directory, before the wheel
/// is repacked (make_wheels writes RECORD anew afterwards), with $PKGDIR the recipe folder.
std::string post_script(const recipe::Recipe& recipe) {
    if (recipe.post.empty()) return "";
    std::string delimiter = "WB_POST_" + util::sha256_hex(recipe.post).substr(0, 16);
    return fmt::format(R"WB(wb_post_dir="$(mktemp -d)"
cat >"$wb_post_dir/post.sh" <<'{0}'
{1}
{0}
"$WB_BUILD_PYTHON" - "$WB_DIST" "$wb_post_dir" <<'WB_POST_PY'
import os, subprocess, sys, zipfile
dist, work = sys.argv[1:]
wheels = [n for n in os.listdir(dist) if n.endswith(".whl")]
if len(wheels) != 1:
    sys.exit(f"build.post: expected one wheel in {{dist}}, found {{wheels}}")
wheel, tree = os.path.join(dist, wheels[0]), os.path.join(work, "wheel")
with zipfile.ZipFile(wheel) as z:
    z.extractall(tree)
env = dict(os.environ, PKGDIR=os.environ["WB_RECIPE_DIR"])
subprocess.run(["bash", "-euo", "pipefail", os.path.join(work, "post.sh")], cwd=tree, env=env, check=True)
os.unlink(wheel)
with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            z.write(path, os.path.relpath(path, tree))
print(f"build.post: ran in {{wheels[0]}}")
WB_POST_PY
)WB", delimiter, recipe.post);
}

std::string package_build_script(const recipe::Recipe& recipe) {
    std::string out = env_exports(recipe);
    if (!recipe.script.empty()) out += recipe.script + "\n";
    out += fmt::format("\"$WB_BUILD_PYTHON\" \"$WB_TOOLS/wb_build_wheel.py\" \"$WB_DIST\"");
    // Config settings as the recipe writes them (shell words: $WB_RECIPE_DIR and the like expand).
    for (const auto& flag : util::split_whitespace(recipe.backend_flags)) out += " " + flag;
    return out + "\n" + post_script(recipe);
}

BuildResult LocalNodeRunner::run(const NodeJob& job) {
    const graph::Node& node = *job.node;
    const recipe::Recipe& recipe = *node.recipe;
    auto start = Clock::now();
    BuildResult r;
    r.name = recipe.name;
    r.version = recipe.version;
    r.type = recipe::build_type_name(recipe.type);
    r.variant = node.variant();
    r.inputs = job.key_inputs;
    r.key = job.key;
    r.reasons = job.reasons;
    // The build is assembled under a partial name and renamed into place by finish(): a build that is
    // killed leaves nothing under its final name.
    r.dir = m_ctx.layout.partial_build_dir(recipe.name, r.key);
    r.log = m_ctx.layout.log(r.variant, recipe.name);
    std::error_code ec;
    // Another process sharing this cache may be building the same key: wait for it, then use its result.
    fs::create_directories(r.dir.parent_path(), ec);
    auto lock = util::FileLock::acquire(m_ctx.layout.build_lock(recipe.name, r.key));
    if (!lock) return fail_step(r, "lock", lock.error().message);
    if (auto done = m_cache.lookup(recipe.name, r.key)) return *done;
    fs::create_directories(r.log.parent_path(), ec);
    { std::ofstream truncate(r.log, std::ios::trunc); }
    util::append_line(r.log, fmt::format("wasm-build: building {} {} for {} (key {})", r.name, r.version, r.variant,
                                         r.key));

    util::remove_tree_quiet(r.dir);  // an unfinished earlier attempt
    if (is_wheel_source(recipe)) return take_wheel(recipe, *node.platform, r, start);
    fs::path work = m_ctx.layout.work(r.variant, recipe.name, r.key);
    util::remove_tree_quiet(work);
    StepPaths paths{{}, work / "stage", work / "dist", r.dir / "prefix"};
    for (const auto& d : {paths.stage, paths.dist, paths.prefix}) fs::create_directories(d, ec);
    auto source = prepare_source(m_ctx, recipe, work, r.log);
    if (!source) return fail_step(r, source.error().step, source.error().error.message);
    paths.source = *source;
    if (recipe.type == recipe::BuildType::Package) {
        auto supported = check_requires_python(recipe, paths.source / "PKG-INFO", *node.platform);
        if (!supported) return fail_step(r, "source", supported.error().message);
    }

    fs::path runtime_dir;
    if (recipe.type == recipe::BuildType::CrossEnv) {
        auto rt = m_ctx.runtimes(node.platform->runtime);
        if (!rt) return fail_step(r, "runtime", rt.error().message);
        runtime_dir = *rt;
    }
    auto host = prepare_host_packages(job.deps, work / "host", inside::prefix);
    if (!host) return fail_step(r, "host-packages", host.error().message);
    paths.host = std::move(*host);
    StepSandbox box = make_step_sandbox(m_ctx, node, paths, job.deps, runtime_dir);
    std::string script = step_prologue() + (recipe.type == recipe::BuildType::Package
                                                ? package_build_script(recipe)
                                                : env_exports(recipe) + recipe.script);
    std::vector<std::string> mounts;
    for (const auto& m : box.spec.mounts) mounts.push_back(fmt::format("{}{}", m.inside.string(), m.writable ? " (rw)" : ""));
    util::append_line(r.log, fmt::format("wasm-build: sandbox over {} with {}", box.spec.root.string(),
                                         util::join(mounts, ", ")));
    util::append_line(r.log, "wasm-build: running in the sandbox:\n" + script);
    sandbox::SandboxedRunner runner(m_ctx.services.runner, box.spec);
    util::Command cmd{{"bash", "-euo", "pipefail", "-c", script}, box.env, inside::k_src, r.log, {}, {}};
    auto proc = runner.run(cmd);
    if (!proc || !proc->ok()) return fail_step(r, "build", proc ? script_failure(*proc, r.log) : proc.error().message);

    if (recipe.type == recipe::BuildType::Package) {
        SbomInputs sbom{&node, r.key, r.inputs, libraries_of(job), m_ctx.toolchain_for(*node.platform).identity};
        WheelStepInput in{&recipe, node.platform, paths.dist, paths.stage, r.dir / "dist", sbom,
                          m_ctx.source_date_epoch};
        auto wheels = make_wheels(in, r.dir);
        if (!wheels) return fail_step(r, "wheel", wheels.error().message);
        r.wheels = std::move(*wheels);
        if (auto files = check_cross_build_files(recipe, r.wheel()); !files) {
            return fail_step(r, "wheel", files.error().message);
        }
        if (auto abi = check_abi(r, *node.platform, shared_library_packages(job)); !abi) {
            return fail_step(r, "abi-check", abi.error().message);
        }
        if (auto files = keep_test_files(recipe, paths.source, r.dir); !files) {
            return fail_step(r, "wheel", files.error().message);
        }
        util::remove_tree_quiet(paths.prefix);
    }
    if (recipe.type == recipe::BuildType::SharedLibrary) {
        // The prefix stays (dependents compile and link against it); the zip is what gets installed.
        auto zip = make_shared_library_zip(recipe, paths.prefix, r.dir / "dist", r.dir, m_ctx.source_date_epoch);
        if (!zip) return fail_step(r, "package", zip.error().message);
        r.wheels = {*zip};
        if (auto abi = check_abi(r, *node.platform, shared_library_packages(job)); !abi) {
            return fail_step(r, "abi-check", abi.error().message);
        }
    }
    util::remove_tree_quiet(work);
    return finish(r, start);
}

BuildResult LocalNodeRunner::finish(BuildResult& r, Clock::time_point start) const {
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.build_seconds = r.seconds;
    r.outcome = Outcome::Built;
    std::error_code ec;
    fs::copy_file(r.log, r.dir / "build.log", fs::copy_options::overwrite_existing, ec);
    fs::path partial = r.dir;
    fs::path final_dir = m_ctx.layout.build_dir(r.name, r.key);
    r.dir = final_dir;  // what the record says; it is written into the partial directory
    if (auto w = util::write_file_atomic(partial / "result.json", r.to_json().dump(2) + "\n"); !w) {
        r.dir = partial;
        return fail_step(r, "record", w.error().message);
    }
    if (fs::rename(partial, final_dir, ec); ec) {
        if (auto there = m_cache.lookup(r.name, r.key)) {  // fetched meanwhile by another process: theirs stands
            util::remove_tree_quiet(partial);
            return *there;
        }
        r.dir = partial;
        return fail_step(r, "record",
                         fmt::format("{}: cannot rename into place: {}", final_dir.string(), ec.message()));
    }
    util::sync_directory(final_dir.parent_path());
    m_cache.publish(r);
    return r;
}

}  // namespace wb::engine
