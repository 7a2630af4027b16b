#include "cc/side_link.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "cc/abi_flags.hpp"

namespace wb::cc {
namespace {

// -l names emcc maps to nothing: glibc splits these out of libc, musl does not (and two more).
constexpr std::string_view k_ignored_libraries[] = {"dl", "m", "rt", "pthread", "stdc++", "SDL2_mixer", "GLU"};
// -l names emcc maps to its JavaScript libraries.
constexpr std::string_view k_js_libraries[] = {"embind", "EGL",  "GL",     "webgl.js", "GLESv2",   "GLEW",
                                               "glfw",   "glfw3", "glut",  "openal",   "X11",      "SDL",
                                               "uuid",   "fetch", "websocket"};

// Compile-only options emcc ignores when it only links.
constexpr std::string_view k_compile_only_valued[] = {"-I",       "-isystem", "-idirafter", "-iquote", "-D", "-U",
                                                      "-include", "-imacros", "-MF",        "-MT",     "-MQ"};
constexpr std::string_view k_compile_only_flags[] = {
    "-fPIC",
    "-fpic",
    "-fno-strict-aliasing",
    "-fstrict-aliasing",
    "-fwrapv",
    "-fno-common",
    "-fcommon",
    "-fno-omit-frame-pointer",
    "-fomit-frame-pointer",
    "-fcolor-diagnostics",
    "-fno-color-diagnostics",
    "-fno-semantic-interposition",
    "-ffunction-sections",
    "-fdata-sections",
    "-fno-math-errno",
    "-fsigned-char",
    "-funsigned-char",
    "-fno-strict-overflow",
    "-fno-delete-null-pointer-checks",
    "-fno-rtti",
    "-frtti",
    "-fno-exceptions",
    "-fvisibility-inlines-hidden",
    "-shared",
    "-pipe",
    "-w",
    "-pedantic",
    "-ansi",
    "-fasynchronous-unwind-tables",
    "-fno-asynchronous-unwind-tables",
};
constexpr std::string_view k_compile_only_prefixes[] = {"-fvisibility=",       "-std=",
                                                        "-fdiagnostics-",      "-fmessage-length=",
                                                        "-fdebug-prefix-map=", "-ffile-prefix-map=",
                                                        "-fmacro-prefix-map=", "-fexcess-precision=",
                                                        "-ffp-contract="};

// Linker options emcc drops (wasm-ld refuses them).
constexpr std::string_view k_dropped_pieces[] = {"--start-group", "--end-group"};

// Linker options emcc hands to wasm-ld unchanged at their place in the line.
constexpr std::string_view k_passthrough_pieces[] = {"--whole-archive",
                                                     "--no-whole-archive",
                                                     "-whole-archive",
                                                     "-no-whole-archive",
                                                     "-O0",
                                                     "-O1",
                                                     "-O2",
                                                     "-O3"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool starts_with_any(const std::string& word, auto const& prefixes) {
    return std::any_of(std::begin(prefixes), std::end(prefixes),
                       [&](std::string_view p) { return word.starts_with(p); });
}

class DirectLinkPlanner {
public:
    DirectLinkPlanner(const ToolchainConfig& config, const FileSystemView& fs)
        : m_config(config), m_fs(fs), m_abi(config) {}

    SideLinkDecision plan(const std::vector<DriverArg>& args, const Invocation& inv) {
        if (auto reason = precheck(inv); !reason.empty()) return {{}, reason};
        if (auto reason = m_abi.side_link_reason(args); !reason.empty()) return {{}, reason};
        collect_library_dirs(args);
        for (const auto& arg : args) {
            if (!m_reason.empty()) break;
            take(arg);
        }
        if (!m_reason.empty()) return {{}, m_reason};
        std::string variant = side_link_variant(m_opt, m_debug);
        auto tmpl = m_config.side_links.find(variant);
        if (tmpl == m_config.side_links.end()) return {{}, "no probed side-module link for " + variant};
        return {expand_side_link_template(tmpl->second, m_inputs, *inv.output), {}};
    }

private:
    std::string precheck(const Invocation& inv) const {
        if (m_config.side_links.empty()) return "the probe recorded no side-module link";
        if (inv.cxx && !m_config.side_link_cxx) return "em++ links side modules unlike emcc";
        if (!inv.output) return "no -o output";
        if (!inv.output->ends_with(".so") && !inv.output->ends_with(".wasm")) return "output is not *.so or *.wasm";
        if (inv.has_sources) return "source files in a link";
        if (!inv.needs_emcc.empty()) return inv.needs_emcc;
        return {};
    }

    void collect_library_dirs(const std::vector<DriverArg>& args) {
        for (const auto& arg : args) {
            if (arg.is("-L")) m_lib_dirs.push_back(arg.value);
            if (arg.kind == DriverArg::Kind::Flag && arg.name.starts_with("-Wl,")) {
                for (std::string_view rest = std::string_view(arg.name).substr(4); !rest.empty();) {
                    size_t comma = rest.find(',');
                    std::string_view piece = rest.substr(0, comma);
                    if (piece.starts_with("-L")) m_lib_dirs.emplace_back(piece.substr(2));
                    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
                }
            }
        }
    }

    std::string find_in_lib_dirs(const std::string& file) const {
        for (const auto& dir : m_lib_dirs) {
            std::string path = (dir.empty() || dir.ends_with('/') ? dir : dir + "/") + file;
            if (m_fs.is_file(path)) return path;
        }
        return {};
    }

    /// emcc passes -l<name> on to wasm-ld when lib<name>.a is in a -L directory; wasm-ld (-Bdynamic)
    /// would take a lib<name>.so of an earlier directory first, so any .so sends the link to emcc.
    void take_library(const std::string& name) {
        if (contains(k_ignored_libraries, name)) return;
        if (contains(k_js_libraries, name)) {
            m_reason = "-l" + name + " is one of Emscripten's JavaScript libraries";
            return;
        }
        if (std::find(m_config.system_libs.begin(), m_config.system_libs.end(), name) != m_config.system_libs.end()) {
            m_reason = "-l" + name + " is an Emscripten system library";
            return;
        }
        for (const char* suffix : {".so", ".dylib"}) {
            if (std::string path = find_in_lib_dirs("lib" + name + suffix); !path.empty()) {
                m_reason = "-l" + name + " finds a shared library: " + path;
                return;
            }
        }
        if (find_in_lib_dirs("lib" + name + ".a").empty()) {
            m_reason = "-l" + name + " not found in the -L directories";
            return;
        }
        m_inputs.push_back("-l" + name);
    }

    void take_operand(const std::string& path) {
        if (path.ends_with(".o")) {
            if (m_fs.head(path, 4) != std::string("\0asm", 4)) m_reason = path + " is not a wasm object";
        } else if (!path.ends_with(".a")) {
            m_reason = "input " + path + " is neither *.o nor *.a";
        }
        m_inputs.push_back(path);
    }

    void take_linker_piece(const std::string& piece) {
        if (piece.starts_with("-l")) return take_library(piece.substr(2));
        if (contains(k_dropped_pieces, piece)) return;
        bool file = !piece.empty() && piece.front() != '-';
        if (file || piece.starts_with("-L") || contains(k_passthrough_pieces, piece) ||
            piece.starts_with("--export=") || piece.starts_with("--export-if-defined=")) {
            m_inputs.push_back(piece);
            return;
        }
        m_reason = "linker option " + piece;
    }

    void take_flag(const std::string& flag) {
        if (flag.starts_with("-Wl,")) {
            std::string_view rest = std::string_view(flag).substr(4);
            while (m_reason.empty()) {
                size_t comma = rest.find(',');
                take_linker_piece(std::string(rest.substr(0, comma)));
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        } else if (flag.size() == 3 && flag.starts_with("-O") &&
                   std::string_view("0123sz").find(flag[2]) != std::string_view::npos) {
            m_opt = flag[2];
        } else if (flag == "-g" || flag == "-g0") {
            m_debug = flag == "-g";
        } else if (flag.starts_with("-W") && !flag.starts_with("-Wa,")) {
            return;  // warnings (and -Wp,) do not reach the linker
        } else if (!contains(k_compile_only_flags, flag) && !starts_with_any(flag, k_compile_only_prefixes)) {
            m_reason = "option " + flag;
        }
    }

    void take(const DriverArg& arg) {
        if (m_abi.is_abi_arg(arg)) return;  // the probed steps are emcc's for these
        switch (arg.kind) {
            case DriverArg::Kind::Operand:
                return take_operand(arg.value);
            case DriverArg::Kind::Flag:
                return take_flag(arg.name);
            case DriverArg::Kind::Valued:
                if (arg.is("-o") || contains(k_compile_only_valued, arg.name)) return;
                if (arg.is("-L")) return m_inputs.push_back("-L" + arg.value);
                if (arg.is("-l")) return take_library(arg.value);
                if (arg.is("-Xlinker")) return take_linker_piece(arg.value);
                if (is_side_module_setting(arg)) return;
                m_reason = "option " + arg.name + " " + arg.value;
                return;
        }
    }

    const ToolchainConfig& m_config;
    const FileSystemView& m_fs;
    AbiFlags m_abi;
    std::vector<std::string> m_lib_dirs;
    std::vector<std::string> m_inputs;
    std::string m_reason;
    char m_opt = '0';
    bool m_debug = false;
};

}  // namespace

std::string side_link_variant(char opt_level, bool debug) {
    std::string variant = std::string("O") + opt_level;
    if (debug) variant += "+g";
    return variant;
}

std::vector<Step> expand_side_link_template(const SideLinkTemplate& tmpl, const std::vector<std::string>& inputs,
                                            const std::string& output) {
    // Without a finalize step (Emscripten 3.1.x had one), emcc reads the module right after linking it.
    bool finalize = std::any_of(tmpl.steps.begin(), tmpl.steps.end(),
                                [](const auto& words) { return !words.empty() && is_finalize_program(words.front()); });
    size_t link_step = tmpl.steps.size();
    for (size_t i = 0; i < tmpl.steps.size(); ++i) {
        const auto& words = tmpl.steps[i];
        if (std::find(words.begin(), words.end(), k_inputs_placeholder) != words.end()) link_step = i;
    }
    std::vector<Step> steps;
    for (const auto& words : tmpl.steps) {
        Step step;
        step.discard_stdout = true;
        step.reads_metadata = !words.empty() && is_finalize_program(words.front());
        for (const auto& word : words) {
            if (word == k_output_placeholder)
                step.argv.push_back(output);
            else if (word == k_inputs_placeholder)
                step.argv.insert(step.argv.end(), inputs.begin(), inputs.end());
            else
                step.argv.push_back(word);
        }
        steps.push_back(std::move(step));
        if (!finalize && steps.size() == link_step + 1) {
            Step inspect;
            inspect.inspect_module = output;
            steps.push_back(std::move(inspect));
        }
    }
    return steps;
}

SideLinkDecision plan_direct_side_link(const std::vector<DriverArg>& args, const Invocation& invocation,
                                       const ToolchainConfig& config, const FileSystemView& fs) {
    return DirectLinkPlanner(config, fs).plan(args, invocation);
}

}  // namespace wb::cc
