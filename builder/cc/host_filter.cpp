#include "cc/host_filter.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "cc/linker_flags.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace {

constexpr std::string_view k_dropped_flags[] = {
    "-fno-plt",
    "-fcf-protection",
    "-fstack-clash-protection",
    "-ffat-lto-objects",
    "-fno-fat-lto-objects",
    "-fuse-linker-plugin",
    "-fno-use-linker-plugin",
    "-fPIE",
    "-fpie",
    "-fno-PIC",
    "-fno-pic",
    "-fno-PIE",
    "-fno-pie",
    "-pie",
    "-no-pie",
    "-static-pie",
    "-static-libgcc",
    "-static-libstdc++",
    "-shared-libgcc",
    "-headerpad_max_install_names",
};

constexpr std::string_view k_dropped_prefixes[] = {
    "-fstack-protector", "-fcf-protection=",  "-specs=",
    "--specs=",          "-flto-partition=",  "-flto-compression-level=",
    "-fvar-tracking",    "-fno-var-tracking", "-fzero-call-used-regs=",
    "-fuse-ld=",         "--target=",         "--sysroot=",
    "-fsplit-stack",
};

// WebAssembly target features clang knows; -m<feature> and -mno-<feature> stay.
constexpr std::string_view k_wasm_features[] = {
    "simd128",     "relaxed-simd",    "bulk-memory",        "nontrapping-fptoint",
    "sign-ext",    "mutable-globals", "tail-call",          "reference-types",
    "multivalue",  "atomics",         "exception-handling", "extended-const",
    "multimemory",
};

bool is_wasm_machine_flag(std::string_view flag) {
    std::string_view rest = flag.substr(2);
    if (rest.starts_with("no-")) rest.remove_prefix(3);
    if (std::find(std::begin(k_wasm_features), std::end(k_wasm_features), rest) != std::end(k_wasm_features)) {
        return true;
    }
    if (flag.starts_with("-mexec-model=")) return true;
    return flag == "-mcpu=mvp" || flag == "-mcpu=generic" || flag == "-mcpu=bleeding-edge";
}

/// gcc's -flto=auto / -flto=jobserver / -flto=8; clang's -flto=thin and -flto=full stay.
bool is_gcc_lto_flag(std::string_view flag) {
    if (!flag.starts_with("-flto=")) return false;
    std::string_view value = flag.substr(6);
    if (value == "auto" || value == "jobserver") return true;
    return !value.empty() && std::all_of(value.begin(), value.end(),
                                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_include_option(const std::string& name) {
    return name == "-I" || name == "-isystem" || name == "-idirafter" || name == "-iquote";
}

/// Linker pieces of one argument: "-Wl,a,b" gives {a, b}; "-Xlinker x" gives {x}.
std::vector<std::string> linker_pieces(const DriverArg& arg) {
    if (arg.kind == DriverArg::Kind::Flag && arg.name.starts_with("-Wl,")) {
        return util::split(std::string_view(arg.name).substr(4), ',');
    }
    if (arg.kind == DriverArg::Kind::Valued && arg.name == "-Xlinker") return {arg.value};
    return {};
}

class HostFilter {
public:
    HostFilter(const std::vector<DriverArg>& args, const HostFilterOptions& options)
        : m_args(args), m_options(options) {}

    FilteredArgs run() {
        decide_linker_pieces();
        for (size_t i = 0; i < m_args.size(); ++i) filter_one(i);
        return std::move(m_result);
    }

private:
    void decide_linker_pieces() {
        std::vector<std::string> all;
        for (size_t i = 0; i < m_args.size(); ++i) {
            for (auto& piece : linker_pieces(m_args[i])) {
                all.push_back(piece);
                m_piece_owner.push_back(i);
            }
        }
        LinkerFilterResult verdict = filter_linker_pieces(all);
        m_piece_keep = verdict.keep;
        for (size_t p = 0; p < all.size(); ++p) {
            if (m_piece_keep[p] && all[p].starts_with("-L") && host_dir(all[p].substr(2))) m_piece_keep[p] = false;
        }
        m_pieces = std::move(all);
    }

    bool host_dir(const std::string& path) const { return m_options.host_paths.is_host_dir(path); }

    void drop(const DriverArg& arg, std::string_view why) {
        m_result.notes.push_back(fmt_note("dropped", util::join(arg.words(), " "), why));
    }

    static std::string fmt_note(std::string_view verb, const std::string& what, std::string_view why) {
        return std::string(verb) + " " + what + " (" + std::string(why) + ")";
    }

    void filter_linker_arg(size_t index) {
        const DriverArg& arg = m_args[index];
        std::vector<std::string> kept;
        std::vector<std::string> dropped;
        for (size_t p = 0; p < m_pieces.size(); ++p) {
            if (m_piece_owner[p] != index) continue;
            (m_piece_keep[p] ? kept : dropped).push_back(m_pieces[p]);
        }
        if (!dropped.empty()) {
            m_result.notes.push_back(fmt_note("dropped linker option", util::join(dropped, ","),
                                              "not taken by wasm-ld, or a host directory"));
        }
        if (kept.empty()) return;
        if (arg.name == "-Xlinker")
            m_result.args.push_back(arg);
        else
            m_result.args.push_back(DriverArg::flag("-Wl," + util::join(kept, ",")));
    }

    void rewrite_python_include(const DriverArg& arg) {
        if (m_options.python_include_dirs.empty()) {
            drop(arg, "host Python headers; WASM_CC_PYTHON_INCLUDE is not set");
            return;
        }
        std::vector<std::string> added;
        for (const auto& dir : m_options.python_include_dirs) {
            if (!m_python_dirs_added.insert(dir).second) continue;
            m_result.args.push_back(DriverArg::valued(arg.name, dir, arg.separate));
            added.push_back(dir);
        }
        m_result.notes.push_back(
            fmt_note("rewrote", util::join(arg.words(), " "),
                     "host Python headers -> " + (added.empty() ? "already given" : util::join(added, " "))));
    }

    void filter_valued(const DriverArg& arg) {
        const std::string& name = arg.name;
        if (is_include_option(name) && m_options.host_paths.is_python_include(arg.value)) {
            rewrite_python_include(arg);
        } else if ((is_include_option(name) || name == "-L" || name == "-B") && host_dir(arg.value)) {
            drop(arg, "host directory");
        } else if (name == "-isysroot" || name == "--sysroot" || name == "-target") {
            drop(arg, "the wasm32 target and sysroot come from the toolchain");
        } else if (name == "-install_name" || name == "-undefined" || name == "-arch" || name == "-framework") {
            drop(arg, "macOS-only option");
        } else {
            m_result.args.push_back(arg);
        }
    }

    void filter_one(size_t index) {
        const DriverArg& arg = m_args[index];
        if (!linker_pieces(arg).empty()) return filter_linker_arg(index);
        switch (arg.kind) {
            case DriverArg::Kind::Operand:
                if (m_options.host_paths.is_host_library_file(arg.value)) return drop(arg, "host library");
                m_result.args.push_back(arg);
                return;
            case DriverArg::Kind::Valued:
                return filter_valued(arg);
            case DriverArg::Kind::Flag:
                if (arg.name == "-bundle" || arg.name == "-dynamiclib") {
                    m_result.notes.push_back(fmt_note("rewrote", arg.name, "-> -shared"));
                    m_result.args.push_back(DriverArg::flag("-shared"));
                    return;
                }
                if (is_unsupported_target_flag(arg.name, m_options.threads)) return drop(arg, "not for wasm32");
                m_result.args.push_back(arg);
                return;
        }
    }

    const std::vector<DriverArg>& m_args;
    const HostFilterOptions& m_options;
    std::vector<std::string> m_pieces;
    std::vector<size_t> m_piece_owner;
    std::vector<bool> m_piece_keep;
    std::set<std::string> m_python_dirs_added;
    FilteredArgs m_result;
};

}  // namespace

bool is_unsupported_target_flag(const std::string& flag, bool threads) {
    if (flag == "-pthread" || flag == "-pthreads") return !threads;
    if (flag.size() > 2 && flag.starts_with("-m") && !is_wasm_machine_flag(flag)) return true;
    if (std::find(std::begin(k_dropped_flags), std::end(k_dropped_flags), flag) != std::end(k_dropped_flags)) {
        return true;
    }
    for (std::string_view prefix : k_dropped_prefixes) {
        if (flag.starts_with(prefix)) return true;
    }
    return is_gcc_lto_flag(flag);
}

FilteredArgs filter_host_args(const std::vector<DriverArg>& args, const HostFilterOptions& options) {
    return HostFilter(args, options).run();
}

}  // namespace wb::cc
