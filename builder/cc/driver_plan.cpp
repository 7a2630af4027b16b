#include "cc/driver_plan.hpp"

#include <algorithm>

#include "cc/abi_flags.hpp"
#include "cc/host_filter.hpp"
#include "cc/invocation.hpp"
#include "cc/side_link.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace {

constexpr const char* k_default_visibility = "-fvisibility=hidden";

void append(std::vector<std::string>& out, const std::vector<std::string>& more) {
    out.insert(out.end(), more.begin(), more.end());
}

bool has_flag(const std::vector<DriverArg>& args, const char* flag) {
    return std::any_of(args.begin(), args.end(), [&](const DriverArg& a) { return a.is(flag); });
}

std::vector<std::string> compile_defaults(const Invocation& inv) { return compile_default_flags(inv.has_visibility); }

class DriverPlanner {
public:
    DriverPlanner(Tool tool, const RunSettings& settings, const FileSystemView& fs)
        : m_tool(tool), m_settings(settings), m_config(settings.config), m_fs(fs), m_abi(settings.config) {}

    CallPlan plan(const std::vector<std::string>& raw_args) {
        HostFilterOptions options{HostPaths(m_config.toolchain_dirs), m_settings.python_include_dirs, m_config.threads};
        FilteredArgs filtered = filter_host_args(split_driver_args(raw_args), options);
        m_plan.notes = std::move(filtered.notes);
        m_args = std::move(filtered.args);
        m_inv = Invocation::classify(m_tool == Tool::Cxx, m_args);
        switch (m_inv.mode) {
            case Mode::Query:
                plan_query();
                break;
            case Mode::Compile:
                plan_compile();
                break;
            case Mode::Link:
                plan_link();
                break;
        }
        return std::move(m_plan);
    }

private:
    const std::string& clang() const { return m_tool == Tool::Cxx ? m_config.clangxx : m_config.clang; }
    const std::vector<std::string>& cflags() const { return m_inv.cxx ? m_config.cxxflags : m_config.cflags; }
    const std::string& emcc() const { return m_tool == Tool::Cxx ? m_config.empp : m_config.emcc; }

    void use_emcc(std::vector<std::string> argv, std::string reason) {
        m_plan.route = "emcc";
        m_plan.notes.push_back("emcc: " + reason);
        m_plan.steps.push_back({std::move(argv), false});
        if (!m_config.node_path.empty()) m_plan.env_defaults.emplace_back("NODE_PATH", m_config.node_path);
    }

    void plan_query() {
        auto answer = [&](std::string text) {
            m_plan.route = "answer";
            m_plan.answer = std::move(text) + "\n";
        };
        if (has_flag(m_args, "--version")) return answer(util::join(m_config.version_text, "\n"));
        if (has_flag(m_args, "-dumpversion")) return answer(m_config.emscripten_version);
        if (has_flag(m_args, "-dumpmachine")) return answer(m_config.target);
        // libtool asks for the linker this way; clang would name the host's /usr/bin/ld.
        for (const auto& arg : m_args) {
            if (arg.kind != DriverArg::Kind::Flag || !arg.name.starts_with("-print-prog-name=")) continue;
            auto tool = m_config.tools.find(arg.name.substr(17));
            if (tool != m_config.tools.end()) return answer(tool->second);
        }
        // -print-search-dirs, -print-libgcc-file-name, -v, --help…: clang answers for the wasm target.
        m_plan.route = "clang";
        std::vector<std::string> argv = {clang()};
        append(argv, cflags());
        append(argv, join_driver_args(m_args));
        m_plan.steps.push_back({std::move(argv), false});
    }

    void plan_compile() {
        std::vector<DriverArg> all = m_args;
        for (auto& arg : split_driver_args(m_settings.extra_cflags)) all.push_back(std::move(arg));
        std::string reason = m_inv.needs_emcc;
        if (reason.empty()) reason = m_abi.compile_reason(all, m_inv.preprocess_only);
        if (!reason.empty()) {
            std::vector<std::string> argv = {emcc()};
            append(argv, compile_defaults(m_inv));
            append(argv, join_driver_args(m_args));
            append(argv, m_settings.extra_cflags);
            return use_emcc(std::move(argv), reason);
        }
        // emcc consumes its settings; the probed clang flags already say what they mean. Clang flags
        // among the ABI flags (-fwasm-exceptions) stay where they are, as emcc passes them.
        std::vector<DriverArg> args;
        for (auto& arg : all) {
            if (m_abi.is_absorbed_setting(arg))
                m_plan.notes.push_back("absorbed -s" + arg.value + " (the probed clang flags include it)");
            else
                args.push_back(std::move(arg));
        }
        m_plan.route = "clang";
        std::vector<std::string> argv = {clang()};
        append(argv, cflags());
        append(argv, compile_defaults(m_inv));
        append(argv, join_driver_args(args));
        m_plan.steps.push_back({std::move(argv), false});
    }

    void plan_link() {
        std::vector<DriverArg> args = m_args;
        if (m_inv.has_sources) {
            for (auto& arg : split_driver_args(m_settings.extra_cflags)) args.push_back(std::move(arg));
        }
        for (auto& arg : split_driver_args(m_settings.extra_ldflags)) args.push_back(std::move(arg));
        std::vector<std::string> argv = {emcc()};
        std::string reason = "executable link";
        if (m_inv.link_kind == LinkKind::Relocatable) reason = "relocatable link";
        if (m_inv.link_kind == LinkKind::Shared) {
            argv.push_back("-sSIDE_MODULE=1");
            if (!has_flag(args, "-shared")) argv.push_back("-shared");
            if (m_inv.has_sources) append(argv, compile_defaults(m_inv));
            append(argv, join_driver_args(args));
            SideLinkDecision direct = plan_direct_side_link(args, m_inv, m_config, m_fs);
            if (direct.fallback_reason.empty()) {
                m_plan.route = "side-link";
                m_plan.steps = std::move(direct.steps);
                // What runs instead if the linked module turns out to need emcc (EM_ASM, EM_JS).
                m_plan.fallback = {{std::move(argv), false}};
                if (!m_config.node_path.empty()) m_plan.env_defaults.emplace_back("NODE_PATH", m_config.node_path);
                return;
            }
            return use_emcc(std::move(argv), "side-module link: " + direct.fallback_reason);
        }
        if (m_inv.has_sources) append(argv, compile_defaults(m_inv));
        append(argv, join_driver_args(args));
        use_emcc(std::move(argv), reason);
    }

    Tool m_tool;
    const RunSettings& m_settings;
    const ToolchainConfig& m_config;
    const FileSystemView& m_fs;
    AbiFlags m_abi;
    std::vector<DriverArg> m_args;
    Invocation m_inv;
    CallPlan m_plan;
};

}  // namespace

std::vector<std::string> compile_default_flags(bool has_visibility) {
    std::vector<std::string> out = {"-fPIC"};
    if (!has_visibility) out.push_back(k_default_visibility);
    return out;
}

std::vector<std::string> cpp_to_driver_args(const std::vector<std::string>& args) {
    std::vector<DriverArg> split = split_driver_args(args);
    std::vector<DriverArg> out = {DriverArg::flag("-E")};
    bool has_language = has_flag(split, "-x");
    size_t operands = 0;
    for (auto& arg : split) {
        if (arg.kind != DriverArg::Kind::Operand) {
            out.push_back(std::move(arg));
            continue;
        }
        if (++operands == 2) {
            out.push_back(DriverArg::valued("-o", arg.value, true));
            continue;
        }
        // cpp reads any file as C; clang would take an unknown suffix for a linker input.
        if (!has_language && !is_source_file(arg.value)) {
            out.push_back(DriverArg::valued("-x", "c", true));
            has_language = true;
        }
        out.push_back(std::move(arg));
    }
    if (operands == 0) {
        if (!has_language) out.push_back(DriverArg::valued("-x", "c", true));
        out.push_back(DriverArg::operand("-"));
    }
    return join_driver_args(out);
}

CallPlan plan_driver_call(Tool tool, const std::vector<std::string>& args, const RunSettings& settings,
                          const FileSystemView& fs) {
    if (tool == Tool::Cpp) return DriverPlanner(Tool::Cc, settings, fs).plan(cpp_to_driver_args(args));
    return DriverPlanner(tool, settings, fs).plan(args);
}

}  // namespace wb::cc
