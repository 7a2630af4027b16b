#include "cc/linker_flags.hpp"

#include <string_view>

namespace wb::cc {
namespace {

struct LinkerRule {
    std::string_view option;
    bool takes_value;  ///< when not given joined with '='
    bool prefix;       ///< matches any option starting with it (emcc's semantics)
};

// emcc 3.1.6's UNSUPPORTED_LLD_FLAGS: matched as prefixes of "-x" or "--x". (6.0.5 passes -soname,
// -rpath and -M on to wasm-ld; wasm-cc still drops them, before it decides between clang and emcc,
// so both routes see the same call.)
constexpr LinkerRule k_emcc_rules[] = {
    {"-bind_at_load", false, true},          {"-M", false, true},    {"-soname", true, true},
    {"-allow-shlib-undefined", false, true}, {"-rpath", true, true}, {"-rpath-link", true, true},
    {"-version-script", true, true},
};

// ELF or Mach-O options wasm-ld refuses, matched exactly (or as "option=value").
constexpr LinkerRule k_elf_rules[] = {
    {"-z", true, false},
    {"-h", true, false},
    {"-R", true, false},
    {"--as-needed", false, false},
    {"--no-as-needed", false, false},
    {"-Bsymbolic", false, false},
    {"-Bsymbolic-functions", false, false},
    {"--no-undefined", false, false},
    {"--no-allow-shlib-undefined", false, false},
    {"--hash-style", true, false},
    {"--build-id", false, false},
    {"--enable-new-dtags", false, false},
    {"--disable-new-dtags", false, false},
    {"--eh-frame-hdr", false, false},
    {"--no-copy-dt-needed-entries", false, false},
    {"--exclude-libs", true, false},
    {"--dynamic-list", true, false},
    {"-headerpad_max_install_names", false, false},
    {"-undefined", true, false},
    {"-dylib_file", true, false},
};

bool matches_emcc_rule(const std::string& piece, const LinkerRule& rule) {
    return piece.starts_with(rule.option) || piece.starts_with(std::string("-") + std::string(rule.option));
}

/// 0: keep; 1: drop this piece; 2: drop this piece and the next.
int elf_rule_verdict(const std::string& piece) {
    for (const auto& rule : k_elf_rules) {
        std::string_view option = rule.option;
        if (piece == option) return rule.takes_value ? 2 : 1;
        if (piece.size() > option.size() && piece.starts_with(option) && piece[option.size()] == '=') return 1;
        // Joined short forms: "-znow", "-hlibfoo.so.1".
        if (option == "-z" && piece.size() > 2 && piece.starts_with("-z")) return 1;
    }
    return 0;
}

}  // namespace

bool emcc_ignores_linker_option(const std::string& piece) {
    for (const auto& rule : k_emcc_rules) {
        if (matches_emcc_rule(piece, rule)) return true;
    }
    return false;
}

LinkerFilterResult filter_linker_pieces(const std::vector<std::string>& pieces) {
    LinkerFilterResult result;
    result.keep.assign(pieces.size(), true);
    auto drop = [&](size_t i) {
        result.keep[i] = false;
        result.dropped.push_back(pieces[i]);
    };
    for (size_t i = 0; i < pieces.size(); ++i) {
        const std::string& piece = pieces[i];
        int verdict = 0;
        for (const auto& rule : k_emcc_rules) {
            if (matches_emcc_rule(piece, rule)) {
                verdict = rule.takes_value && piece.find('=') == std::string::npos ? 2 : 1;
                break;
            }
        }
        if (verdict == 0) verdict = elf_rule_verdict(piece);
        if (verdict == 0) continue;
        drop(i);
        if (verdict == 2 && i + 1 < pieces.size()) drop(++i);
    }
    return result;
}

}  // namespace wb::cc
