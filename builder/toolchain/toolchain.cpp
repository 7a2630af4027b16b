#include "toolchain/toolchain.hpp"

#include <fmt/format.h>

#include "util/hash.hpp"
#include "util/strings.hpp"

#include "cc_identity.hpp"

#ifndef WB_CC_IDENTITY
#define WB_CC_IDENTITY "unknown"
#endif

namespace wb::toolchain {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

Expected<std::string> first_line_of(util::ProcessRunner& runner, std::vector<std::string> argv,
                                    const util::Environment& env) {
    util::Command cmd;
    cmd.argv = std::move(argv);
    cmd.env = env;
    cmd.timeout = std::chrono::seconds(120);
    auto result = runner.run(cmd);
    if (!result) return tl::unexpected(result.error());
    if (!result->ok()) {
        return util::fail(ErrorKind::Usage, fmt::format("`{}` failed (exit {}): {}", util::join(cmd.argv, " "),
                                                        result->exit_code, util::trim(result->output)));
    }
    auto lines = util::split(result->output, '\n');
    return std::string(util::trim(lines.empty() ? "" : lines[0]));
}

}  // namespace

fs::path executable_dir() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : self.parent_path();
}

std::string Toolchain::identity(bool through_frontend) const {
    std::string id = fmt::format("emcc={};clang={}", emcc_version, clang_version);
    if (through_frontend) id += ";frontend=" + frontend_identity;
    return id;
}

util::Environment Toolchain::base_environment() const {
    util::Environment env = util::current_environment();
    for (const char* leak : {"LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "PKG_CONFIG_PATH",
                             "LD_LIBRARY_PATH", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "CC", "CXX", "LDSHARED",
                             "PYTHONPATH", "PYTHONHOME", "_PYTHON_SYSCONFIGDATA_NAME", "MAKEFLAGS"}) {
        env.erase(leak);
    }
    if (!env.count("NODE_PATH")) env["NODE_PATH"] = "/usr/share/nodejs";
    env["WASM_CC_CONFIG"] = wasm_cc_config.string();
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    env["LC_ALL"] = "C.UTF-8";
    return env;
}

Expected<Toolchain> detect_toolchain(const fs::path& cache_dir, const fs::path& wasm_cc, util::ProcessRunner& runner) {
    Toolchain tc;
    tc.wasm_cc = wasm_cc;
    tc.frontend_identity = WB_CC_IDENTITY;
    if (!util::find_program("emcc")) {
        return util::fail(ErrorKind::Usage, "emcc not found on PATH (expected Debian's emscripten package: run "
                                            "ci/setup.sh)");
    }
    util::Environment env = util::current_environment();
    if (!env.count("NODE_PATH")) env["NODE_PATH"] = "/usr/share/nodejs";
    auto emcc = first_line_of(runner, {"emcc", "--version"}, env);
    if (!emcc) return tl::unexpected(emcc.error());
    tc.emcc_version = *emcc;
    auto clang = first_line_of(runner, {"clang-14", "--version"}, env);
    tc.clang_version = clang ? *clang : "unknown";

    std::error_code ec;
    if (!fs::exists(wasm_cc, ec)) {
        return util::fail(ErrorKind::Internal, fmt::format("{}: compiler front end not found (expected next to "
                                                           "wasm-build)", wasm_cc.string()));
    }
    fs::path dir = cache_dir / "toolchain" / util::sha256_hex(tc.identity(true)).substr(0, 16);
    tc.wasm_cc_config = dir / "wasm-cc.conf";
    tc.shim_dir = dir / "bin";
    if (!fs::exists(tc.wasm_cc_config, ec)) {
        fs::create_directories(dir, ec);
        util::Command probe{{wasm_cc.string(), "--probe", tc.wasm_cc_config.string()}, env, {}, {}, {}, std::chrono::seconds(300)};
        auto r = runner.run(probe);
        if (!r) return tl::unexpected(r.error());
        if (r->interrupted) return util::fail(ErrorKind::Interrupted, "interrupted while probing the toolchain");
        if (!r->ok()) {
            return util::fail(ErrorKind::Internal, fmt::format("`{} --probe` failed (exit {}): {}", wasm_cc.string(),
                                                               r->exit_code, util::trim(r->output)));
        }
    }
    util::Command shims{{wasm_cc.string(), "--install-shims", tc.shim_dir.string()}, env, {}, {}, {}, std::chrono::seconds(60)};
    auto r = runner.run(shims);
    if (!r) return tl::unexpected(r.error());
    if (!r->ok()) {
        return util::fail(ErrorKind::Internal, fmt::format("`{} --install-shims` failed: {}", wasm_cc.string(),
                                                           util::trim(r->output)));
    }
    return tc;
}

}  // namespace wb::toolchain
