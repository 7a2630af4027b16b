#include "cc/frontend.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cc/binutils_plan.hpp"
#include "cc/driver_plan.hpp"
#include "cc/file_system_view.hpp"
#include "cc/launcher.hpp"
#include "cc/probe.hpp"
#include "cc/shims.hpp"
#include "cc/tool.hpp"
#include "util/atomic_file.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace {

constexpr const char* k_usage =
    "usage: wasm-cc --probe CONFIG_FILE [--emcc PATH] [--node-path DIR] [--abi-flags \"FLAGS\"]\n"
    "       wasm-cc --install-shims DIR\n"
    "       wasm-cc TOOL [ARGS...]        (or call a shim: cc, c++, ar, ...)\n"
    "Environment: WASM_CC_CONFIG (required for tools), WASM_CC_EXTRA_CFLAGS, WASM_CC_EXTRA_LDFLAGS,\n"
    "WASM_CC_PYTHON_INCLUDE (':'-separated), WASM_CC_LOG (append each call's rewriting).\n";

std::string env_or_empty(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

int report(const util::Error& error) {
    fmt::print(stderr, "wasm-cc: {}: {}\n", util::kind_name(error.kind), error.message);
    return util::exit_code_for(error.kind);
}

int usage_error(const std::string& message) {
    fmt::print(stderr, "wasm-cc: {}\n{}", message, k_usage);
    return 2;
}

int run_probe(const std::vector<std::string>& args) {
    if (args.size() < 2) return usage_error("--probe needs the configuration file to write");
    ProbeOptions options;
    options.env = util::current_environment();
    for (size_t i = 2; i < args.size(); i += 2) {
        if (i + 1 >= args.size()) return usage_error(fmt::format("{} needs a value", args[i]));
        if (args[i] == "--emcc")
            options.emcc = args[i + 1];
        else if (args[i] == "--node-path")
            options.node_path = args[i + 1];
        else if (args[i] == "--abi-flags")
            options.abi_flags = util::split_whitespace(args[i + 1]);
        else
            return usage_error(fmt::format("unknown --probe option '{}'", args[i]));
    }
    util::RealProcessRunner runner;
    auto result = probe_toolchain(runner, options);
    if (!result) return report(result.error());
    for (const auto& note : result->notes) fmt::print(stderr, "wasm-cc: note: {}\n", note);
    if (auto written = util::write_file_atomic(args[1], result->config.to_text()); !written) {
        return report(written.error());
    }
    const auto& c = result->config;
    fmt::print(stderr, "wasm-cc: probed Emscripten {} ({}), clang {}, ABI flags '{}', {} side-link variants -> {}\n",
               c.emscripten_version, c.emcc, c.clang, util::join(c.abi_flags, " "), c.side_links.size(), args[1]);
    return 0;
}

int run_install_shims(const std::vector<std::string>& args) {
    if (args.size() != 2) return usage_error("--install-shims needs exactly one directory");
    auto self = current_executable();
    if (!self) return report(self.error());
    auto installed = install_shims(args[1], *self);
    if (!installed) return report(installed.error());
    fmt::print(stderr, "wasm-cc: {} shims in {} ({} new or replaced) -> {}\n",
               installed->created.size() + installed->unchanged.size(), args[1], installed->created.size(), *self);
    return 0;
}

std::vector<std::string> python_include_dirs(const std::string& value) {
    std::vector<std::string> dirs;
    for (auto& dir : util::split(value, ':')) {
        if (!dir.empty()) dirs.push_back(std::move(dir));
    }
    return dirs;
}

/// Runs one tool call: plan, log, then exec or run.
int run_tool(Tool tool, std::vector<std::string> args, const std::vector<std::string>& original) {
    auto settings = settings_from_environment();
    if (!settings) return report(settings.error());
    // emcc appends EMCC_CFLAGS to every command line; do the same, once, for the commands we run.
    if (const char* emcc_cflags = std::getenv("EMCC_CFLAGS"); emcc_cflags && is_compiler_driver(tool)) {
        for (auto& word : util::split_whitespace(emcc_cflags)) args.push_back(std::move(word));
        ::unsetenv("EMCC_CFLAGS");
    }
    CallPlan plan;
    if (is_compiler_driver(tool)) {
        plan = plan_driver_call(tool, args, *settings, RealFileSystemView());
    } else {
        auto planned = plan_binutils_call(tool, args, settings->config);
        if (!planned) return report(planned.error());
        plan = std::move(*planned);
    }
    if (std::string log = env_or_empty("WASM_CC_LOG"); !log.empty()) {
        std::error_code ec;
        append_call_log(log, format_call_log(original, plan, std::filesystem::current_path(ec).string()));
    }
    return run_plan(plan);
}

}  // namespace

util::Expected<RunSettings> settings_from_environment() {
    std::string path = env_or_empty("WASM_CC_CONFIG");
    if (path.empty()) {
        return util::fail(util::ErrorKind::Usage,
                          "WASM_CC_CONFIG is not set: run `wasm-cc --probe FILE` once and export WASM_CC_CONFIG=FILE");
    }
    auto config = load_toolchain_config(path);
    if (!config) return tl::unexpected(config.error());
    RunSettings settings;
    settings.config = std::move(*config);
    settings.extra_cflags = util::split_whitespace(env_or_empty("WASM_CC_EXTRA_CFLAGS"));
    settings.extra_ldflags = util::split_whitespace(env_or_empty("WASM_CC_EXTRA_LDFLAGS"));
    settings.python_include_dirs = python_include_dirs(env_or_empty("WASM_CC_PYTHON_INCLUDE"));
    return settings;
}

int wasm_cc_main(int argc, char** argv) {
    std::vector<std::string> original(argv, argv + argc);
    if (original.empty()) return usage_error("called without a program name");
    std::string name = std::filesystem::path(original.front()).filename().string();
    std::vector<std::string> args(original.begin() + 1, original.end());
    if (!name.starts_with("wasm-cc")) {
        auto tool = tool_from_name(name);
        if (!tool) {
            return usage_error(fmt::format("unknown tool name '{}' (called as {}); known: {}", name, original.front(),
                                           util::join(shim_names(), " ")));
        }
        return run_tool(*tool, std::move(args), original);
    }
    if (args.empty()) return usage_error("expected a command or a tool name");
    if (args[0] == "--help" || args[0] == "-h") {
        fmt::print("{}", k_usage);
        return 0;
    }
    if (args[0] == "--probe") return run_probe(args);
    if (args[0] == "--install-shims") return run_install_shims(args);
    auto tool = tool_from_name(args[0]);
    if (!tool) {
        return usage_error(
            fmt::format("unknown tool or command '{}'; known tools: {}", args[0], util::join(shim_names(), " ")));
    }
    args.erase(args.begin());
    return run_tool(*tool, std::move(args), original);
}

}  // namespace wb::cc
