#include "runtime/pyodide_runner.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "k_runtime_tools.hpp"
#include "util/atomic_file.hpp"
#include "util/embedded_files.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"

namespace wb::runtime {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_runtime_inside = "/opt/wasm-build/runtime";
constexpr const char* k_tools_inside = "/opt/wasm-build/tools";
constexpr const char* k_request_inside = "/opt/wasm-build/request";

}  // namespace

util::Expected<fs::path> install_runtime_tools(const fs::path& tools_dir) {
    return util::install_files(tools_dir / "runtime", k_runtime_tools);
}

util::Expected<util::ProcessResult> run_pyodide(const PyodideRun& run, util::ProcessRunner& runner) {
    std::error_code ec;
    fs::create_directories(run.scratch, ec);
    auto request_dir = util::make_temp_dir(run.scratch, "pyodide-");
    if (!request_dir) return tl::unexpected(request_dir.error());
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(*request_dir); });
    fs::permissions(*request_dir, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec |
                                      fs::perms::group_read | fs::perms::group_exec, ec);

    sandbox::SandboxSpec spec;
    spec.root = run.toolchain_root;
    spec.mounts = {{run.runtime_dir, k_runtime_inside, false},
                   {run.tools_dir, k_tools_inside, false},
                   {*request_dir, k_request_inside, false}};
    nlohmann::json wheels = nlohmann::json::array();
    for (size_t i = 0; i < run.wheels.size(); ++i) {
        std::string at = fmt::format("/opt/wasm-build/wheels/{}/{}", i, run.wheels[i].filename().string());
        spec.mounts.push_back({run.wheels[i], at, false});
        wheels.push_back(at);
    }
    nlohmann::json mounts = nlohmann::json::array();
    for (const auto& m : run.mounts) {
        spec.mounts.push_back(m);
        mounts.push_back(m.inside.string());
    }
    nlohmann::json request = {{"pyodide", k_runtime_inside}, {"wheels", wheels},     {"mounts", mounts},
                              {"cwd", run.cwd.string()},     {"argv", run.argv},     {"code", run.code},
                              {"env", run.python_env},       {"verbose", run.verbose}};
    if (auto w = util::write_file_atomic(*request_dir / "request.json", request.dump()); !w) {
        return tl::unexpected(w.error());
    }
    fs::permissions(*request_dir / "request.json", fs::perms::owner_read | fs::perms::owner_write |
                                                       fs::perms::group_read | fs::perms::others_read, ec);
    sandbox::SandboxedRunner boxed(runner, spec);
    const util::Command cmd{{"node", std::string(k_tools_inside) + "/wb_pyodide.js",
                       std::string(k_request_inside) + "/request.json"},
                      util::Environment{{"PATH", "/usr/bin:/bin"}, {"HOME", spec.home}, {"LC_ALL", "C.UTF-8"}},
                      "/tmp", run.log, {}, run.timeout, run.inherit_output};
    return boxed.run(cmd);
}

}  // namespace wb::runtime
