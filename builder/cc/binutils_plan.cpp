#include "cc/binutils_plan.hpp"

#include <fmt/format.h>

#include "cc/host_paths.hpp"
#include "cc/linker_flags.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace {

/// A direct `ld` call: drop what wasm-ld refuses and host library directories.
std::vector<std::string> filter_ld_args(const std::vector<std::string>& args, const ToolchainConfig& config,
                                        std::vector<std::string>& notes) {
    HostPaths host(config.toolchain_dirs);
    LinkerFilterResult verdict = filter_linker_pieces(args);
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-L" && i + 1 < args.size() && host.is_host_dir(args[i + 1])) {
            notes.push_back("dropped -L " + args[i + 1] + " (host directory)");
            ++i;
            continue;
        }
        bool host_dir = arg.starts_with("-L") && host.is_host_dir(arg.substr(2));
        if (verdict.keep[i] && !host_dir && !host.is_host_library_file(arg))
            out.push_back(arg);
        else if (verdict.keep[i])
            notes.push_back("dropped " + arg + " (host library or directory)");
    }
    if (!verdict.dropped.empty()) {
        notes.push_back("dropped linker option " + util::join(verdict.dropped, " ") + " (not taken by wasm-ld)");
    }
    return out;
}

}  // namespace

util::Expected<CallPlan> plan_binutils_call(Tool tool, const std::vector<std::string>& args,
                                            const ToolchainConfig& config) {
    std::string name(tool_name(tool));
    auto path = config.tools.find(name);
    if (path == config.tools.end() || path->second.empty()) {
        return util::fail(
            util::ErrorKind::Usage,
            fmt::format("the wasm-cc configuration has no tool.{}= entry; re-run `wasm-cc --probe`", name));
    }
    CallPlan plan;
    plan.route = "tool";
    std::vector<std::string> argv = {path->second};
    if (tool == Tool::Ld) {
        for (auto& arg : filter_ld_args(args, config, plan.notes)) argv.push_back(std::move(arg));
    } else {
        argv.insert(argv.end(), args.begin(), args.end());
    }
    plan.steps.push_back({std::move(argv), false});
    return plan;
}

}  // namespace wb::cc
