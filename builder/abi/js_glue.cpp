#include "abi/js_glue.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::abi {
namespace {

using util::ErrorKind;

bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool is_identifier(std::string_view s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s) {
        if (!is_ident_char(c)) return false;
    }
    return true;
}

/// Position of the '{' that opens `wasmImports = {`, or npos.
size_t find_literal(std::string_view text) {
    for (size_t at = text.find("wasmImports"); at != std::string_view::npos; at = text.find("wasmImports", at + 1)) {
        if (at > 0 && is_ident_char(text[at - 1])) continue;
        size_t i = at + 11;
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size() || text[i] != '=' || (i + 1 < text.size() && text[i + 1] == '=')) continue;
        ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
        if (i < text.size() && text[i] == '{') return i;
    }
    return std::string_view::npos;
}

/// Splits the object literal opening at text[open] into its top-level entries; false if unterminated.
bool split_entries(std::string_view text, size_t open, std::vector<std::string_view>& entries) {
    int depth = 0;
    size_t start = open + 1;
    for (size_t i = open; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"' || c == '\'' || c == '`') {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\') ++i;
            }
            continue;
        }
        if (c == '{' || c == '(' || c == '[') ++depth;
        if (c == '}' || c == ')' || c == ']') --depth;
        if ((c == ',' && depth == 1) || depth == 0) {
            auto entry = util::trim(text.substr(start, i - start));
            if (!entry.empty()) entries.push_back(entry);
            start = i + 1;
        }
        if (depth == 0) return true;
    }
    return false;
}

/// identifier -> sig for every `identifier.sig="..."` in the text (the last assignment wins).
std::map<std::string, std::string, std::less<>> find_sigs(std::string_view text) {
    std::map<std::string, std::string, std::less<>> out;
    for (size_t at = text.find(".sig="); at != std::string_view::npos; at = text.find(".sig=", at + 5)) {
        size_t q = at + 5;
        if (q >= text.size() || (text[q] != '"' && text[q] != '\'')) continue;
        size_t end = text.find(text[q], q + 1);
        if (end == std::string_view::npos) break;
        size_t begin = at;
        while (begin > 0 && is_ident_char(text[begin - 1])) --begin;
        if (begin == at) continue;
        out[std::string(text.substr(begin, at - begin))] = std::string(text.substr(q + 1, end - q - 1));
    }
    return out;
}

/// identifier -> identifier for every plain `var a=b;` (or `,`) in the text: the glue binds many
/// library functions under a second name (`var _glFooANGLE=_glFoo;`), sharing the `.sig`.
std::map<std::string, std::string, std::less<>> find_var_aliases(std::string_view text) {
    std::map<std::string, std::string, std::less<>> out;
    for (size_t at = text.find("var "); at != std::string_view::npos; at = text.find("var ", at + 4)) {
        if (at > 0 && is_ident_char(text[at - 1])) continue;
        size_t eq = at + 4;
        while (eq < text.size() && is_ident_char(text[eq])) ++eq;
        if (eq >= text.size() || text[eq] != '=' || eq == at + 4) continue;
        size_t end = eq + 1;
        while (end < text.size() && is_ident_char(text[end])) ++end;
        if (end >= text.size() || end == eq + 1 || (text[end] != ';' && text[end] != ',')) continue;
        auto target = text.substr(eq + 1, end - eq - 1);
        if (is_identifier(target)) out.emplace(std::string(text.substr(at + 4, eq - at - 4)), std::string(target));
    }
    return out;
}

/// The `.sig` of an identifier, following `var` aliases (a few hops at most).
std::optional<std::string> sig_of(std::string_view ident, const std::map<std::string, std::string, std::less<>>& sigs,
                                  const std::map<std::string, std::string, std::less<>>& aliases) {
    for (int hop = 0; hop < 8; ++hop) {
        if (auto it = sigs.find(ident); it != sigs.end()) return it->second;
        auto next = aliases.find(ident);
        if (next == aliases.end()) return std::nullopt;
        ident = next->second;
    }
    return std::nullopt;
}

/// Reads `"name"` or `'name'` at text[i]; advances i past it.
std::optional<std::string_view> quoted(std::string_view text, size_t& i) {
    if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return std::nullopt;
    size_t end = text.find(text[i], i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    auto name = text.substr(i + 1, end - i - 1);
    i = end + 1;
    return name;
}

/// Every `wasmImports["a"]=wasmImports["b"]` in the text.
std::vector<std::pair<std::string, std::string>> find_aliases(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string_view head = "wasmImports[";
    for (size_t at = text.find(head); at != std::string_view::npos; at = text.find(head, at + 1)) {
        size_t i = at + head.size();
        auto alias = quoted(text, i);
        if (!alias || text.substr(i, 2 + head.size()) != "]=" + std::string(head)) continue;
        i += 2 + head.size();
        auto target = quoted(text, i);
        if (!target || i >= text.size() || text[i] != ']') continue;
        out.emplace_back(*alias, *target);
    }
    return out;
}

}  // namespace

util::Expected<JsGlue> parse_js_glue(std::string_view text) {
    size_t open = find_literal(text);
    if (open == std::string_view::npos) {
        return util::fail(ErrorKind::Input, "no `wasmImports = {...}` object in the JavaScript glue: not an Emscripten "
                                            "main module's glue, or an Emscripten version this reader does not know");
    }
    std::vector<std::string_view> entries;
    if (!split_entries(text, open, entries)) {
        return util::fail(ErrorKind::Input,
                          fmt::format("the `wasmImports` object at character {} is not closed", open));
    }
    auto sigs = find_sigs(text);
    auto var_aliases = find_var_aliases(text);
    JsGlue glue;
    for (auto entry : entries) {
        size_t key_end = 0;
        if (entry.front() == '"' || entry.front() == '\'') key_end = entry.find(entry.front(), 1);
        size_t colon = entry.find(':', key_end == std::string_view::npos ? 0 : key_end);
        auto key = util::trim(entry.substr(0, colon));
        auto value = colon == std::string_view::npos ? key : util::trim(entry.substr(colon + 1));
        if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'')) key = key.substr(1, key.size() - 2);
        std::optional<std::string> sig;
        if (is_identifier(value)) sig = sig_of(value, sigs, var_aliases);
        glue.functions[std::string(key)] = sig;
    }
    glue.aliases = find_aliases(text);
    return glue;
}

}  // namespace wb::abi
