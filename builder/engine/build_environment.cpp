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

std::string env_exports(const recipe::Recipe& recipe) {
    std::string out;
    for (const auto& [key, value] : recipe.env) {
        out += fmt::format("export {}=\"{}\"\n", key, util::replace_all(value, "\"", "\\\""));
    }
    return out;
}

namespace {

void add_python_cross_environment(util::Environment& env, const BuildContext& ctx, const BuildResult& runtime) {
    fs::path rt = runtime.prefix();
    std::string include = (rt / "include" / ("python" + ctx.platform.python_short())).string();
    env["_PYTHON_SYSCONFIGDATA_NAME"] = "_sysconfigdata__emscripten_wasm32-emscripten";
    env["_PYTHON_HOST_PLATFORM"] = ctx.platform.platform_tag;
    env["PYTHONPATH"] = (rt / "cross").string();
    env["SETUPTOOLS_USE_DISTUTILS"] = "stdlib";
    env["WB_RUNTIME_PREFIX"] = rt.string();
    env["WB_BUILD_PYTHON"] = ctx.build_python.string();
    env["WASM_CC_PYTHON_INCLUDE"] = include;
    env["PATH"] = ctx.toolchain.shim_dir.string() + ":" + env["PATH"];
    env["CC"] = "cc";
    env["CXX"] = "c++";
    env["AR"] = "ar";
    env["RANLIB"] = "ranlib";
    std::string abi_ldflags = util::join(ctx.platform.ldflags, " ");
    env["LDSHARED"] = util::join({"cc", "-shared", abi_ldflags}, " ");
    env["LDCXXSHARED"] = util::join({"c++", "-shared", abi_ldflags}, " ");
    env["CFLAGS"] = fmt::format("-I{} {}", include, env["CFLAGS"]);
    env["CXXFLAGS"] = fmt::format("-I{} {}", include, env["CXXFLAGS"]);
}

}  // namespace

util::Environment make_build_environment(const BuildContext& ctx, const recipe::Recipe& recipe, const StepPaths& paths,
                                         const std::vector<const BuildResult*>& deps, const BuildResult* runtime) {
    util::Environment env = ctx.toolchain.base_environment();
    env["WB_PACKAGE_NAME"] = recipe.name;
    env["WB_PACKAGE_VERSION"] = recipe.version;
    env["WB_PLATFORM"] = ctx.platform.name;
    env["WB_PLATFORM_TAG"] = ctx.platform.platform_tag;
    env["WB_PREFIX"] = paths.prefix.string();
    env["WB_STAGE"] = paths.stage.string();
    env["WB_SRC"] = paths.source.string();
    env["WB_RECIPE_DIR"] = (ctx.project_dir / recipe.dir()).string();
    env["WB_PROJECT_DIR"] = ctx.project_dir.string();
    env["WB_JOBS"] = std::to_string(ctx.jobs_per_build);
    env["SOURCE_DATE_EPOCH"] = std::to_string(ctx.source_date_epoch);

    std::vector<std::string> cflags = util::split_whitespace(recipe.cflags);
    std::vector<std::string> cxxflags = util::split_whitespace(recipe.cxxflags);
    std::vector<std::string> ldflags = util::split_whitespace(recipe.ldflags);
    std::vector<std::string> pkgconfig, path;
    for (const BuildResult* dep : deps) {
        if (dep == runtime) continue;
        fs::path p = dep->prefix();
        env["WB_DEP_" + env_name(dep->name) + "_PREFIX"] = p.string();
        cflags.push_back("-I" + (p / "include").string());
        cxxflags.push_back("-I" + (p / "include").string());
        ldflags.push_back("-L" + (p / "lib").string());
        pkgconfig.push_back((p / "lib" / "pkgconfig").string());
        pkgconfig.push_back((p / "share" / "pkgconfig").string());
        path.push_back((p / "bin").string());
    }
    env["CFLAGS"] = util::join(cflags, " ");
    env["CXXFLAGS"] = util::join(cxxflags, " ");
    env["LDFLAGS"] = util::join(ldflags, " ");
    // Only our prefixes: PKG_CONFIG_LIBDIR replaces the host's default search path.
    env["PKG_CONFIG_LIBDIR"] = util::join(pkgconfig, ":");
    env["PKG_CONFIG_PATH"] = "";
    path.push_back(env["PATH"]);
    env["PATH"] = util::join(path, ":");
    if (recipe.type == recipe::BuildType::Package && runtime) add_python_cross_environment(env, ctx, *runtime);
    return env;
}

}  // namespace wb::engine
