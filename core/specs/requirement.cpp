#include "specs/requirement.hpp"

#include <array>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::specs {
namespace {

using util::ErrorKind;
using util::fail;

// Longest operators first, so that "===" is not read as "==" and "=".
constexpr std::array<std::string_view, 8> k_operators{"===", "~=", "==", "!=", "<=", ">=", "<", ">"};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_name_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
           c == '.';
}

// Checks the version after an operator: prefix matches ("1.2.*", no dev or local part) and local
// labels only after == and !=, at least two release numbers after ~=.
Expected<void> check_clause_version(const SpecifierClause& clause) {
    std::string_view text = clause.version;
    bool wildcard = text.ends_with(".*");
    if (wildcard) {
        if (clause.op != "==" && clause.op != "!=") return fail(ErrorKind::Input, "'.*' only after == or !=");
        text.remove_suffix(2);
    }
    auto version = Version::parse(text);
    if (!version) return fail(ErrorKind::Input, fmt::format("a PEP 440 version after '{}'", clause.op));
    if (wildcard && (version->dev() || !version->local().empty())) {
        return fail(ErrorKind::Input, fmt::format("no dev or local part before '.*', found '{}'", clause.version));
    }
    bool exact = clause.op == "==" || clause.op == "!=";
    if (!version->local().empty() && !exact) {
        return fail(ErrorKind::Input, fmt::format("no local label (+...) after '{}'", clause.op));
    }
    if (clause.op == "~=" && version->release().size() < 2) {
        return fail(ErrorKind::Input, "at least two release numbers after '~=' (~=1.2)");
    }
    return {};
}

Expected<SpecifierClause> parse_clause(std::string_view text) {
    text = util::trim(text);
    SpecifierClause clause;
    for (std::string_view op : k_operators) {
        if (text.starts_with(op)) {
            clause.op = std::string(op);
            break;
        }
    }
    if (clause.op.empty()) return fail(ErrorKind::Input, "an operator (~= == != <= >= < > ===) before each version");
    clause.version = std::string(util::trim(text.substr(clause.op.size())));
    if (clause.version.empty()) return fail(ErrorKind::Input, fmt::format("a version after '{}'", clause.op));
    if (clause.version.find_first_of(" \t") != std::string::npos) {
        return fail(ErrorKind::Input, fmt::format("one version after '{}', found '{}'", clause.op, clause.version));
    }
    if (clause.op != "===") {
        if (auto ok = check_clause_version(clause); !ok) return tl::unexpected(ok.error());
    }
    return clause;
}

// Environment markers are kept as text; only their quotes and parentheses are checked.
Expected<void> check_marker(std::string_view marker) {
    if (marker.empty()) return fail(ErrorKind::Input, "an environment marker after ';'");
    char quote = 0;
    int depth = 0;
    for (char c : marker) {
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth < 0) {
            break;
        }
    }
    if (quote != 0) return fail(ErrorKind::Input, fmt::format("a closing {} in the marker", quote));
    if (depth != 0) return fail(ErrorKind::Input, "balanced parentheses in the marker");
    return {};
}

class RequirementParser {
public:
    explicit RequirementParser(std::string_view text) : m_text(util::trim(text)) {}

    Expected<Requirement> run() {
        Requirement req;
        if (auto ok = read_name(req); !ok) return tl::unexpected(ok.error());
        if (auto ok = read_extras(req); !ok) return tl::unexpected(ok.error());
        skip_space();
        if (peek() == '@') return error("a version specifier; direct URL references (name @ url) are not supported");
        size_t semicolon = m_text.find(';', m_pos);
        std::string_view spec = m_text.substr(m_pos, semicolon == std::string_view::npos ? std::string_view::npos
                                                                                        : semicolon - m_pos);
        spec = util::trim(spec);
        if (spec.starts_with('(')) {
            if (!spec.ends_with(')')) return error("a ')' closing the version specifier");
            spec = spec.substr(1, spec.size() - 2);
        }
        auto normalized = normalize_specifier(spec);
        if (!normalized) {
            return fail(ErrorKind::Input, fmt::format("'{}' is not a valid requirement (PEP 508): {}", m_text,
                                                      normalized.error().message));
        }
        req.specifier = *normalized;
        if (semicolon != std::string_view::npos) {
            req.marker = std::string(util::trim(m_text.substr(semicolon + 1)));
            if (auto ok = check_marker(req.marker); !ok) return error(ok.error().message);
        }
        return req;
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void skip_space() {
        while (is_space(peek())) ++m_pos;
    }

    tl::unexpected<util::Error> error(const std::string& expected) const {
        return fail(ErrorKind::Input,
                    fmt::format("'{}' is not a valid requirement (PEP 508): expected {}", m_text, expected));
    }

    // Reads a name-like word (letters, digits, '-', '_', '.') and checks it is a valid name.
    Expected<std::string> read_word(std::string_view what) {
        skip_space();
        size_t start = m_pos;
        while (is_name_char(peek())) ++m_pos;
        std::string word(m_text.substr(start, m_pos - start));
        if (!is_valid_project_name(word)) {
            return error(fmt::format("{} of letters, digits, '-', '_' and '.' starting and ending with a letter or "
                                     "digit at position {}",
                                     what, start + 1));
        }
        return word;
    }

    Expected<void> read_name(Requirement& req) {
        auto name = read_word("a project name");
        if (!name) return tl::unexpected(name.error());
        req.name = std::move(*name);
        return {};
    }

    Expected<void> read_extras(Requirement& req) {
        skip_space();
        if (peek() != '[') return {};
        ++m_pos;
        skip_space();
        if (peek() == ']') {
            ++m_pos;
            return {};
        }
        for (;;) {
            auto extra = read_word("an extra name");
            if (!extra) return tl::unexpected(extra.error());
            req.extras.push_back(std::move(*extra));
            skip_space();
            if (peek() == ']') {
                ++m_pos;
                return {};
            }
            if (peek() != ',') return error(fmt::format("',' or ']' in the extras at position {}", m_pos + 1));
            ++m_pos;
        }
    }

    std::string_view m_text;
    size_t m_pos = 0;
};

}  // namespace

Expected<std::vector<SpecifierClause>> parse_specifier(std::string_view text) {
    std::vector<SpecifierClause> clauses;
    if (util::trim(text).empty()) return clauses;
    for (const auto& piece : util::split(text, ',')) {
        auto clause = parse_clause(piece);
        if (!clause) {
            return fail(ErrorKind::Input, fmt::format("'{}' is not a valid version specifier (PEP 440): expected {}",
                                                      util::trim(text), clause.error().message));
        }
        clauses.push_back(std::move(*clause));
    }
    return clauses;
}

Expected<std::string> normalize_specifier(std::string_view text) {
    auto clauses = parse_specifier(text);
    if (!clauses) return tl::unexpected(clauses.error());
    std::vector<std::string> parts;
    for (const auto& c : *clauses) parts.push_back(c.op + c.version);
    return util::join(parts, ",");
}

Expected<Requirement> Requirement::parse(std::string_view text) { return RequirementParser(text).run(); }

std::string Requirement::str() const {
    std::string out = name;
    if (!extras.empty()) out += "[" + util::join(extras, ",") + "]";
    out += specifier;
    if (!marker.empty()) out += "; " + marker;
    return out;
}

}  // namespace wb::specs
