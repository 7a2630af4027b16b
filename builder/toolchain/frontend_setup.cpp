#include "toolchain/frontend_setup.hpp"

#include <fmt/format.h>

#include "sandbox/sandbox.hpp"
#include "util/file_lock.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"
#include "util/strings.hpp"

namespace wb::toolchain {
namespace fs = std::filesystem;
using util::ErrorKind;

namespace {

util::Expected<void> run_probe_step(util::ProcessRunner& runner, const std::vector<std::string>& argv,
                                    const fs::path& log) {
    util::Command cmd{argv,
                      util::Environment{{"PATH", "/usr/bin:/bin"}, {"HOME", "/home/build"},
                                        {"EM_CACHE", "/var/cache/emscripten"}, {"LC_ALL", "C.UTF-8"},
                                        {"TMPDIR", "/tmp"}},
                      "/tmp", log, {}, std::chrono::seconds(600)};
    auto r = runner.run(cmd);
    if (!r) return tl::unexpected(r.error());
    if (r->interrupted) return util::fail(ErrorKind::Interrupted, "interrupted while probing the toolchain");
    if (!r->ok()) {
        return util::fail(ErrorKind::Internal, fmt::format("`{}` failed in the toolchain root (exit {}): see {}",
                                                           util::join(argv, " "), r->exit_code, log.string()));
    }
    return {};
}

}  // namespace

util::Expected<FrontendSetup> ensure_frontend(const fs::path& dir, const fs::path& root, const fs::path& wasm_cc,
                                              const std::vector<std::string>& abi_flags, util::ProcessRunner& runner) {
    std::error_code ec;
    if (!fs::exists(wasm_cc, ec)) {
        return util::fail(ErrorKind::Internal, fmt::format("{}: compiler front end not found (expected next to "
                                                           "wasm-build)", wasm_cc.string()));
    }
    FrontendSetup setup{dir, wasm_cc};
    if (fs::exists(dir / "wasm-cc.conf", ec) && fs::exists(dir / "shims", ec)) return setup;
    fs::create_directories(dir.parent_path(), ec);
    auto lock = util::FileLock::acquire(dir.string() + ".lock");
    if (!lock) return tl::unexpected(lock.error());
    if (fs::exists(dir / "wasm-cc.conf", ec) && fs::exists(dir / "shims", ec)) return setup;
    auto tmp = util::make_temp_dir(dir.parent_path(), ".probe-");
    if (!tmp) return tl::unexpected(tmp.error());
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(*tmp); });
    fs::permissions(*tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec, ec);
    fs::path log = dir.string() + ".log";
    sandbox::SandboxSpec spec;
    spec.root = root;
    spec.mounts = {{wasm_cc, k_wasm_cc_inside, false}, {*tmp, k_frontend_inside, true}};
    sandbox::SandboxedRunner boxed(runner, spec);
    std::string conf = std::string(k_frontend_inside) + "/wasm-cc.conf";
    std::vector<std::string> probe = {k_wasm_cc_inside, "--probe", conf};
    if (!abi_flags.empty()) probe.insert(probe.end(), {"--abi-flags", util::join(abi_flags, " ")});
    if (auto p = run_probe_step(boxed, probe, log); !p) return tl::unexpected(p.error());
    std::string shims = std::string(k_frontend_inside) + "/shims";
    if (auto p = run_probe_step(boxed, {k_wasm_cc_inside, "--install-shims", shims}, log); !p) {
        return tl::unexpected(p.error());
    }
    util::remove_tree_quiet(dir);
    fs::rename(*tmp, dir, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot move into place: {}", dir.string(), ec.message()));
    cleanup.dismiss();
    return setup;
}

}  // namespace wb::toolchain
