#include "specs/marker.hpp"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "specs/specifier.hpp"
#include "specs/version.hpp"
#include "specs/wheel_name.hpp"

namespace wb::specs {
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

struct Token {
    enum Kind { Word, String, Op, Open, Close, End } kind;
    std::string text;
};

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

Expected<std::vector<Token>> tokenize(std::string_view s, std::string_view marker) {
    std::vector<Token> out;
    size_t i = 0;
    auto bad = [&](std::string_view why) {
        return fail(ErrorKind::Input, fmt::format("marker '{}': {} at column {}", marker, why, i + 1));
    };
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (c == '(' || c == ')') {
            out.push_back({c == '(' ? Token::Open : Token::Close, std::string(1, c)});
            ++i;
        } else if (c == '\'' || c == '"') {
            size_t end = s.find(c, i + 1);
            if (end == std::string_view::npos) return bad("unterminated string");
            out.push_back({Token::String, std::string(s.substr(i + 1, end - i - 1))});
            i = end + 1;
        } else if (c == '<' || c == '>' || c == '=' || c == '!' || c == '~') {
            size_t n = s.substr(i, 3) == "===" ? 3 : (i + 1 < s.size() && s[i + 1] == '=') ? 2 : 1;
            std::string op(s.substr(i, n));
            if (op == "=" || op == "!" || op == "~") return bad("expected a comparison operator");
            out.push_back({Token::Op, op});
            i += n;
        } else if (word_char(c)) {
            size_t start = i;
            while (i < s.size() && word_char(s[i])) ++i;
            out.push_back({Token::Word, std::string(s.substr(start, i - start))});
        } else {
            return bad(fmt::format("unexpected '{}'", c));
        }
    }
    out.push_back({Token::End, ""});
    return out;
}

/// Recursive descent over or / and / comparison / parentheses; depth bounded by the marker's length.
class Evaluator {
public:
    Evaluator(std::vector<Token> tokens, std::string_view marker, const MarkerEnvironment& env)
        : m_tokens(std::move(tokens)), m_marker(marker), m_env(env) {}

    Expected<bool> run() {
        auto value = parse_or(0);
        if (!value) return value;
        if (peek().kind != Token::End) return error("expected 'and', 'or' or the end");
        return value;
    }

private:
    const Token& peek() const { return m_tokens[m_pos]; }
    bool peek_word(std::string_view w) const { return peek().kind == Token::Word && peek().text == w; }
    tl::unexpected<util::Error> error(std::string_view why) const {
        return fail(ErrorKind::Input, fmt::format("marker '{}': {} (at '{}')", m_marker, why,
                                                  peek().kind == Token::End ? "the end" : peek().text));
    }

    Expected<bool> parse_or(int depth) {
        auto left = parse_and(depth);
        if (!left) return left;
        bool value = *left;
        while (peek_word("or")) {
            ++m_pos;
            auto right = parse_and(depth);
            if (!right) return right;
            value = value || *right;
        }
        return value;
    }

    Expected<bool> parse_and(int depth) {
        auto left = parse_atom(depth);
        if (!left) return left;
        bool value = *left;
        while (peek_word("and")) {
            ++m_pos;
            auto right = parse_atom(depth);
            if (!right) return right;
            value = value && *right;
        }
        return value;
    }

    Expected<bool> parse_atom(int depth) {
        if (peek().kind == Token::Open) {
            if (depth > 32) return error("nested too deeply");
            ++m_pos;
            auto inner = parse_or(depth + 1);
            if (!inner) return inner;
            if (peek().kind != Token::Close) return error("expected ')'");
            ++m_pos;
            return inner;
        }
        auto lhs = operand();
        if (!lhs) return tl::unexpected(lhs.error());
        std::string op;
        if (peek().kind == Token::Op) {
            op = peek().text;
            ++m_pos;
        } else if (peek_word("in")) {
            op = "in";
            ++m_pos;
        } else if (peek_word("not")) {
            ++m_pos;
            if (!peek_word("in")) return error("expected 'in' after 'not'");
            op = "not in";
            ++m_pos;
        } else {
            return error("expected a comparison");
        }
        auto rhs = operand();
        if (!rhs) return tl::unexpected(rhs.error());
        return compare(*lhs, op, *rhs);
    }

    struct Operand {
        std::string value;
        bool is_extra = false;
    };

    Expected<Operand> operand() {
        const Token& t = peek();
        if (t.kind == Token::String) {
            ++m_pos;
            return Operand{t.text};
        }
        if (t.kind == Token::Word) {
            auto it = m_env.values.find(t.text);
            if (it == m_env.values.end()) return error("unknown marker variable");
            ++m_pos;
            return Operand{it->second, t.text == "extra"};
        }
        return error("expected a variable or a quoted string");
    }

    Expected<bool> compare(const Operand& l, const std::string& op, const Operand& r) const {
        // PEP 685: extras compare by their normalized names.
        bool extra = l.is_extra || r.is_extra;
        std::string a = extra ? normalize_name(l.value) : l.value;
        std::string b = extra ? normalize_name(r.value) : r.value;
        if (op == "in") return b.find(a) != std::string::npos;
        if (op == "not in") return b.find(a) == std::string::npos;
        if (op == "===") return a == b;
        if (auto va = Version::parse(a); va && Version::parse(b.ends_with(".*") ? b.substr(0, b.size() - 2) : b)) {
            if (auto allowed = allows(op + b, *va)) return *allowed;
        }
        // Not both versions: Python's string comparison.
        if (op == "==") return a == b;
        if (op == "!=") return a != b;
        if (op == "<") return a < b;
        if (op == "<=") return a <= b;
        if (op == ">") return a > b;
        if (op == ">=") return a >= b;
        return fail(ErrorKind::Input, fmt::format("marker '{}': '{}' compares versions, and '{}' or '{}' is not one",
                                                  m_marker, op, a, b));
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    std::string_view m_marker;
    const MarkerEnvironment& m_env;
};

}  // namespace

MarkerEnvironment MarkerEnvironment::emscripten(std::string_view python_version) {
    std::string full = std::string(python_version) + ".0";
    return MarkerEnvironment{{{"python_version", std::string(python_version)},
                              {"python_full_version", full},
                              {"implementation_name", "cpython"},
                              {"implementation_version", full},
                              {"platform_python_implementation", "CPython"},
                              {"os_name", "posix"},
                              {"sys_platform", "emscripten"},
                              {"platform_system", "Emscripten"},
                              {"platform_machine", "wasm32"},
                              {"platform_release", ""},
                              {"platform_version", ""},
                              {"extra", ""}}};
}

Expected<bool> evaluate_marker(std::string_view marker, const MarkerEnvironment& env) {
    auto tokens = tokenize(marker, marker);
    if (!tokens) return tl::unexpected(tokens.error());
    return Evaluator(std::move(*tokens), marker, env).run();
}

}  // namespace wb::specs
