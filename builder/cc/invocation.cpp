#include "cc/invocation.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace wb::cc {
namespace {

constexpr std::string_view k_source_suffixes[] = {".c", ".h", ".i", ".s", ".S", ".sx", ".m"};
constexpr std::string_view k_cxx_suffixes[] = {".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C",
                                               ".ii", ".mm", ".hpp", ".hh",  ".hxx", ".H"};

// emcc options clang does not know; a call with one of these goes to emcc itself.
constexpr std::string_view k_emcc_only_options[] = {
    "--js-library",
    "--pre-js",
    "--post-js",
    "--embed-file",
    "--preload-file",
    "--exclude-file",
    "--shell-file",
    "--closure",
    "--bind",
    "--profiling",
    "--memory-init-file",
    "--emrun",
    "--cpuprofiler",
    "--threadprofiler",
    "--source-map-base",
    "--minify",
    "--emit-symbol-map",
    "--no-entry",
    "--oformat",
    "--em-config",
    "--cache",
    "--use-preload-cache",
    "--use-preload-plugins",
    "--ignore-dynamic-linking",
    "--js-transform",
    "--tracing",
    "--memoryprofiler",
    "--emit-tsd",
    "--valid-abspath",
    "--check",
    "--clear-cache",
    "--clear-ports",
    "--show-ports",
    "--default-obj-ext",
    "--llvm-opts",
    "--llvm-lto",
    "--js-opts",
    "--separate-dwarf",
};

std::string_view suffix_of(const std::string& path) {
    size_t slash = path.rfind('/');
    size_t dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    return std::string_view(path).substr(dot);
}

bool is_emcc_only_option(const std::string& word) {
    if (word.starts_with("-jsD")) return true;
    for (std::string_view option : k_emcc_only_options) {
        if (word == option || (word.starts_with(option) && word[option.size()] == '=')) return true;
    }
    return false;
}

bool is_number(std::string_view text) {
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    return !text.empty() && std::all_of(text.begin(), text.end(), digit);
}

/// emcc turns -g1/-g2 into -g0 for clang (-g4 into -g3, -gsource-map into -g…) and -O4 into -O3.
std::string emcc_rewrite(const std::string& flag) {
    if (is_emcc_only_option(flag)) return "emcc-only option " + flag;
    std::string_view rest = std::string_view(flag).substr(std::min<size_t>(2, flag.size()));
    bool rewritten_debug =
        flag.starts_with("-g") && ((is_number(rest) && rest != "0" && rest != "3") || rest.starts_with("source-map") ||
                                   rest.starts_with("separate-dwarf") || rest.starts_with("force_dwarf"));
    bool rewritten_opt = flag.starts_with("-O") && is_number(rest) && (rest.size() > 1 || rest[0] > '3');
    if (rewritten_debug || rewritten_opt) return "emcc rewrites " + flag + " for clang";
    return {};
}

bool stops_before_link(const DriverArg& arg) {
    if (arg.kind != DriverArg::Kind::Flag) return false;
    const std::string& f = arg.name;
    return f == "-c" || f == "-S" || f == "-E" || f == "-M" || f == "-MM" || f == "-fsyntax-only";
}

bool is_cxx_language(const std::string& language) { return language.starts_with("c++") || language == "objective-c++"; }

}  // namespace

bool is_setting(const DriverArg& arg) { return arg.kind == DriverArg::Kind::Valued && arg.name == "-s"; }

bool is_side_module_setting(const DriverArg& arg) { return is_setting(arg) && arg.value == "SIDE_MODULE=1"; }

bool is_source_file(const std::string& path) {
    std::string_view suffix = suffix_of(path);
    return std::find(std::begin(k_source_suffixes), std::end(k_source_suffixes), suffix) !=
               std::end(k_source_suffixes) ||
           is_cxx_source_file(path);
}

bool is_cxx_source_file(const std::string& path) {
    std::string_view suffix = suffix_of(path);
    return std::find(std::begin(k_cxx_suffixes), std::end(k_cxx_suffixes), suffix) != std::end(k_cxx_suffixes);
}

bool is_shared_library_name(const std::string& path) {
    if (path.ends_with(".so")) return true;
    size_t pos = path.rfind(".so.");
    if (pos == std::string::npos || path.find('/', pos) != std::string::npos) return false;
    std::string_view version = std::string_view(path).substr(pos + 4);
    return !version.empty() && std::all_of(version.begin(), version.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
    });
}

Invocation Invocation::classify(bool cxx_driver, const std::vector<DriverArg>& args) {
    Invocation inv;
    inv.cxx = cxx_driver;
    bool compile_only = false;
    bool shared = false;
    bool relocatable = false;
    std::string language;  // the -x in force
    for (const auto& arg : args) {
        if (arg.kind == DriverArg::Kind::Operand) {
            inv.operands.push_back(arg.value);
            bool forced_source = !language.empty() && language != "none";
            if (is_cxx_language(language) || (!forced_source && is_cxx_source_file(arg.value))) inv.cxx = true;
            if (forced_source || is_source_file(arg.value)) inv.has_sources = true;
            continue;
        }
        if (stops_before_link(arg)) compile_only = true;
        if (arg.is("-E") || arg.is("-M") || arg.is("-MM")) inv.preprocess_only = true;
        if (arg.is("-x")) language = arg.value;
        if (arg.is("-o")) inv.output = arg.value;
        if (arg.is("-shared")) shared = true;
        if (arg.is("-r")) relocatable = true;
        if (arg.kind == DriverArg::Kind::Flag && arg.name.starts_with("-fvisibility=")) inv.has_visibility = true;
        if (inv.needs_emcc.empty() && arg.kind == DriverArg::Kind::Flag) inv.needs_emcc = emcc_rewrite(arg.name);
    }
    bool all_assembly = !inv.operands.empty() && std::all_of(inv.operands.begin(), inv.operands.end(), [](auto& op) {
        return op.ends_with(".s");
    });
    if (inv.needs_emcc.empty() && compile_only && all_assembly) {
        inv.needs_emcc = "emcc assembles *.s with the target flags only";
    }
    if (compile_only)
        inv.mode = Mode::Compile;
    else if (inv.operands.empty())
        inv.mode = Mode::Query;
    else
        inv.mode = Mode::Link;
    if (relocatable)
        inv.link_kind = LinkKind::Relocatable;
    else if (shared || (inv.output && is_shared_library_name(*inv.output)))
        inv.link_kind = LinkKind::Shared;
    return inv;
}

}  // namespace wb::cc
