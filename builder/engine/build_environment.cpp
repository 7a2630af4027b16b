#include "engine/build_environment.hpp"

#include <cctype>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

std::string env_name(const std::string& name) {
    std::string out;
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
    return out;
}

std::string step_prologue() {
    // emcc writes to its cache even on a hit (file locks, the JS symbol list of a main-module link,
    // which configure and CMake checks make): each step gets a private copy of the root's.
    return fmt::format("cp -a /var/cache/emscripten {}\n", k_step_em_cache);
}

std::string env_exports(const recipe::Recipe& recipe) {
    std::string out;
    for (const auto& [key, value] : recipe.env) {
        out += fmt::format("export {}=\"{}\"\n", key, util::replace_all(value, "\"", "\\\""));
    }
    return out;
}

namespace {

/// The farm's compile policy for C libraries (Pyodide's CFLAGS_BASE plus hidden symbols); packages
/// get theirs from the cross environment's sysconfig data.
constexpr const char* k_library_cflags[] = {"-O2", "-g0", "-fPIC", "-fvisibility=hidden"};

/// A package builds with the target's Python as the build Python sees it: Pyodide's sysconfig data,
/// headers and meson cross file from the cross environment. CFLAGS stays unset unless the recipe
/// has its own: setuptools lets an exported CFLAGS replace the sysconfig CFLAGS (ABI flags included).
void add_python_cross_environment(util::Environment& env, const platform::Platform& p, const std::string& xenv) {
    env["_PYTHON_SYSCONFIGDATA_NAME"] = "_sysconfigdata__emscripten_wasm32-emscripten";
    env["_PYTHON_HOST_PLATFORM"] = p.tag;
    env["PYTHONPATH"] = xenv + "/sysconfigdata";
    env["WB_BUILD_PYTHON"] = p.build_python;
    env["WB_CROSS_ENV"] = xenv;
    env["WB_MESON_CROSS_FILE"] = xenv + "/emscripten-cross.ini";
    env["WASM_CC_PYTHON_INCLUDE"] = xenv + "/include/python" + p.python_version;
    env["WASM_CC_CONFIG"] = std::string(inside::k_frontend) + "/wasm-cc.conf";
    env["PATH"] = std::string(inside::k_frontend) + "/shims:" + env["PATH"];
    // The compiler front end for the package's own compiles and links: setuptools takes CC/CXX over
    // the sysconfig data (and swaps the same prefix in LDSHARED); meson-python gets a cross file layer.
    env["CC"] = "cc";
    env["CXX"] = "c++";
    env["WB_MESON_FRONTEND_FILE"] = std::string(inside::k_tools) + "/wasm-cc.ini";
}

}  // namespace

StepSandbox make_step_sandbox(const BuildContext& ctx, const graph::Node& node, const StepPaths& paths,
                              const std::vector<const BuildResult*>& deps, const fs::path& runtime_dir) {
    const recipe::Recipe& recipe = *node.recipe;
    const platform::Platform& p = *node.platform;
    const ReadyToolchain& tc = ctx.toolchain_for(p);
    StepSandbox s;
    s.spec.root = tc.root;
    std::string prefix = inside::prefix(recipe.name);
    s.spec.mounts = {{paths.source, inside::k_src, true},
                     {paths.stage, inside::k_stage, true},
                     {paths.dist, inside::k_dist, true},
                     {paths.prefix, prefix, true},
                     {ctx.project_dir / recipe.dir(), inside::k_recipe, false},
                     {ctx.tools_dir, inside::k_tools, false},
                     {tc.wasm_cc, inside::k_wasm_cc, false},
                     {tc.frontend_dir, inside::k_frontend, false}};
    if (!runtime_dir.empty()) s.spec.mounts.push_back({runtime_dir, inside::k_runtime, false});

    util::Environment& env = s.env;
    env = {{"HOME", s.spec.home}, {"TMPDIR", "/tmp"}, {"XDG_CACHE_HOME", "/tmp/.cache"},
           {"EM_CACHE", k_step_em_cache}, {"LC_ALL", "C.UTF-8"}, {"PYTHONDONTWRITEBYTECODE", "1"},
           {"SOURCE_DATE_EPOCH", std::to_string(ctx.source_date_epoch)}};
    env["WB_PACKAGE_NAME"] = recipe.name;
    env["WB_PACKAGE_VERSION"] = recipe.version;
    env["WB_PLATFORM"] = node.variant();
    env["WB_PYTHON_VERSION"] = p.python_version;
    env["WB_PLATFORM_TAG"] = p.tag;
    env["WB_PREFIX"] = prefix;
    env["WB_SRC"] = inside::k_src;
    env["WB_STAGE"] = inside::k_stage;
    env["WB_DIST"] = inside::k_dist;
    env["WB_RECIPE_DIR"] = inside::k_recipe;
    env["WB_TOOLS"] = inside::k_tools;
    env["WB_JOBS"] = std::to_string(ctx.jobs_per_build);
    if (!runtime_dir.empty()) env["WB_RUNTIME_DIR"] = inside::k_runtime;

    bool package = recipe.type == recipe::BuildType::Package;
    std::vector<std::string> includes, ldflags, pkgconfig, path;
    std::string cross_env;
    std::vector<std::string> python_path;
    for (const BuildResult* dep : deps) {
        std::string at = inside::prefix(dep->name);
        env["WB_DEP_" + env_name(dep->name) + "_PREFIX"] = at;
        if (dep->type == recipe::build_type_name(recipe::BuildType::Package)) {
            // Its unpacked wheel, importable by the build Python (host_packages.hpp).
            for (const HostPackage& hp : paths.host.packages) {
                if (hp.name != dep->name) continue;
                s.spec.mounts.push_back({hp.tree, at, false});
                python_path.push_back(at);
                for (const auto& dir : hp.pkgconfig_dirs) pkgconfig.push_back(at + "/" + dir);
            }
            continue;
        }
        s.spec.mounts.push_back({dep->prefix(), at, false});
        if (dep->type == recipe::build_type_name(recipe::BuildType::CrossEnv)) {
            cross_env = at;
            continue;
        }
        includes.push_back("-I" + at + "/include");
        ldflags.push_back("-L" + at + "/lib");
        pkgconfig.push_back(at + "/lib/pkgconfig");
        pkgconfig.push_back(at + "/share/pkgconfig");
        path.push_back(at + "/bin");
    }
    for (const auto& f : util::split_whitespace(recipe.ldflags)) ldflags.push_back(f);
    std::vector<std::string> cflags(std::begin(k_library_cflags), std::end(k_library_cflags));
    // A shared library's symbols are its interface: they keep default visibility.
    if (recipe.type == recipe::BuildType::SharedLibrary) std::erase(cflags, std::string("-fvisibility=hidden"));
    cflags.insert(cflags.end(), p.cflags.begin(), p.cflags.end());
    std::vector<std::string> cxxflags = cflags;
    for (const auto& f : util::split_whitespace(recipe.cflags)) cflags.push_back(f);
    for (const auto& f : util::split_whitespace(recipe.cxxflags)) cxxflags.push_back(f);
    cflags.insert(cflags.end(), includes.begin(), includes.end());
    cxxflags.insert(cxxflags.end(), includes.begin(), includes.end());
    if (!package || !recipe.cflags.empty()) env["CFLAGS"] = util::join(cflags, " ");
    if (!package || !recipe.cxxflags.empty()) env["CXXFLAGS"] = util::join(cxxflags, " ");
    if (package) env["CPPFLAGS"] = util::join(includes, " ");
    env["LDFLAGS"] = util::join(ldflags, " ");
    // How the platform links a side module (Pyodide's name for it): what a shared_library recipe
    // links its lib*.so with.
    env["SIDE_MODULE_LDFLAGS"] = util::join(p.ldflags, " ");
    // Only our prefixes: PKG_CONFIG_LIBDIR replaces the root's default search path.
    env["PKG_CONFIG_LIBDIR"] = util::join(pkgconfig, ":");
    path.push_back("/usr/bin:/bin");
    env["PATH"] = util::join(path, ":");
    if (!cross_env.empty()) {
        add_python_cross_environment(env, p, cross_env);
        // Views of compiled host packages first (they shadow the packages), then the cross
        // environment's sysconfig data, then the host packages' trees.
        std::vector<std::string> search;
        if (!paths.host.views.empty()) {
            s.spec.mounts.push_back({paths.host.views, inside::k_host_views, false});
            search.push_back(inside::k_host_views);
        }
        search.push_back(env["PYTHONPATH"]);
        search.insert(search.end(), python_path.begin(), python_path.end());
        env["PYTHONPATH"] = util::join(search, ":");
    } else {
        for (auto [name, tool] : {std::pair{"CC", "emcc"}, {"CXX", "em++"}, {"AR", "emar"}, {"RANLIB", "emranlib"},
                                  {"NM", "emnm"}}) {
            env[name] = tool;
        }
    }
    return s;
}

}  // namespace wb::engine
