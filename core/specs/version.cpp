#include "specs/version.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::specs {
namespace {

using util::ErrorKind;
using util::fail;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }
bool is_separator(char c) { return c == '-' || c == '_' || c == '.'; }

int pre_rank(const std::string& letter) {
    if (letter == "a") return 0;
    if (letter == "b") return 1;
    return 2;  // "rc"
}

// Spellings PEP 440 accepts for each pre-release letter; longer words first so that "preview"
// is not read as "pre" followed by garbage. No pre word is a prefix of a post or dev word.
struct Spelling {
    std::string_view word;
    std::string_view normalized;
};
constexpr std::array k_pre_spellings{
    Spelling{"alpha", "a"}, Spelling{"beta", "b"}, Spelling{"preview", "rc"}, Spelling{"pre", "rc"},
    Spelling{"rc", "rc"},   Spelling{"a", "a"},    Spelling{"b", "b"},        Spelling{"c", "rc"},
};
constexpr std::array<std::string_view, 3> k_post_spellings{"post", "rev", "r"};

}  // namespace

// A hand-written reader over the lowercased, trimmed text. Each optional part either
// consumes its text or leaves the position unchanged.
class VersionParser {
public:
    VersionParser(std::string_view original, std::string text) : m_original(original), m_text(std::move(text)) {}

    Expected<Version> run() {
        if (peek() == 'v') ++m_pos;
        if (auto r = read_epoch_and_release(); !r) return tl::unexpected(r.error());
        if (auto r = read_pre(); !r) return tl::unexpected(r.error());
        if (auto r = read_post(); !r) return tl::unexpected(r.error());
        if (auto r = read_dev(); !r) return tl::unexpected(r.error());
        if (auto r = read_local(); !r) return tl::unexpected(r.error());
        if (m_pos != m_text.size()) {
            return error(fmt::format("a pre-release (a1, b1, rc1), .postN, .devN or +local label after '{}', found '{}'",
                                     m_text.substr(0, m_pos), m_text.substr(m_pos)));
        }
        return m_version;
    }

private:
    char peek(size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }

    tl::unexpected<util::Error> error(const std::string& expected) const {
        return fail(ErrorKind::Input, fmt::format("'{}' is not a valid version (PEP 440): expected {}", m_original, expected));
    }

    // Reads a run of digits; the caller has checked that one is there.
    Expected<uint64_t> number() {
        uint64_t value = 0;
        while (is_digit(peek())) {
            uint64_t digit = static_cast<uint64_t>(peek() - '0');
            if (value > (UINT64_MAX - digit) / 10) return error("numbers below 2^64");
            value = value * 10 + digit;
            ++m_pos;
        }
        return value;
    }

    // Reads "[sep][N]" after a pre/post/dev word; a missing number is the implicit 0. Taking the
    // separator even without a number is safe: every later part may start with one of its own.
    Expected<uint64_t> optional_number() {
        if (is_separator(peek())) ++m_pos;
        if (!is_digit(peek())) return uint64_t{0};
        return number();
    }

    // Consumes "[sep]word" for the first matching word, returning its index.
    std::optional<size_t> word(const auto& words) {
        size_t skip = is_separator(peek()) ? 1 : 0;
        std::string_view rest = std::string_view(m_text).substr(m_pos + skip);
        for (size_t i = 0; i < words.size(); ++i) {
            std::string_view w = words[i];
            if (rest.starts_with(w)) {
                m_pos += skip + w.size();
                return i;
            }
        }
        return std::nullopt;
    }

    Expected<void> read_epoch_and_release() {
        if (!is_digit(peek())) return error("a release number such as 1.2.3 at the start");
        auto first = number();
        if (!first) return tl::unexpected(first.error());
        if (peek() == '!') {
            ++m_pos;
            m_version.m_epoch = *first;
            if (!is_digit(peek())) return error(fmt::format("a release number after the epoch '{}!'", *first));
            first = number();
            if (!first) return tl::unexpected(first.error());
        }
        m_version.m_release.push_back(*first);
        while (peek() == '.' && is_digit(peek(1))) {
            ++m_pos;
            auto part = number();
            if (!part) return tl::unexpected(part.error());
            m_version.m_release.push_back(*part);
        }
        return {};
    }

    Expected<void> read_pre() {
        std::array<std::string_view, k_pre_spellings.size()> words;
        std::transform(k_pre_spellings.begin(), k_pre_spellings.end(), words.begin(),
                       [](const Spelling& s) { return s.word; });
        auto which = word(words);
        if (!which) return {};
        auto n = optional_number();
        if (!n) return tl::unexpected(n.error());
        m_version.m_pre = PreRelease{std::string(k_pre_spellings[*which].normalized), *n};
        return {};
    }

    Expected<void> read_post() {
        if (peek() == '-' && is_digit(peek(1))) {  // the implicit form "1.0-1"
            ++m_pos;
            auto n = number();
            if (!n) return tl::unexpected(n.error());
            m_version.m_post = *n;
            return {};
        }
        if (!word(k_post_spellings)) return {};
        auto n = optional_number();
        if (!n) return tl::unexpected(n.error());
        m_version.m_post = *n;
        return {};
    }

    Expected<void> read_dev() {
        if (!word(std::array<std::string_view, 1>{"dev"})) return {};
        auto n = optional_number();
        if (!n) return tl::unexpected(n.error());
        m_version.m_dev = *n;
        return {};
    }

    Expected<void> read_local() {
        if (peek() != '+') return {};
        ++m_pos;
        for (;;) {
            size_t start = m_pos;
            while (is_alnum(peek())) ++m_pos;
            if (m_pos == start) {
                return error(fmt::format("a local label of letters and digits separated by '.', found '{}'",
                                         m_text.substr(start)));
            }
            std::string segment = m_text.substr(start, m_pos - start);
            if (std::all_of(segment.begin(), segment.end(), is_digit)) {
                m_pos = start;
                auto n = number();
                if (!n) return tl::unexpected(n.error());
                m_version.m_local.emplace_back(*n);
            } else {
                m_version.m_local.emplace_back(std::move(segment));
            }
            if (!is_separator(peek())) return {};
            ++m_pos;
        }
    }

    std::string_view m_original;
    std::string m_text;
    size_t m_pos = 0;
    Version m_version;
};

Expected<Version> Version::parse(std::string_view text) {
    std::string lowered = util::to_lower(util::trim(text));
    return VersionParser(text, std::move(lowered)).run();
}

std::string Version::str() const {
    std::string out = m_epoch != 0 ? fmt::format("{}!", m_epoch) : std::string();
    for (size_t i = 0; i < m_release.size(); ++i) out += (i == 0 ? "" : ".") + std::to_string(m_release[i]);
    if (m_pre) out += fmt::format("{}{}", m_pre->letter, m_pre->number);
    if (m_post) out += fmt::format(".post{}", *m_post);
    if (m_dev) out += fmt::format(".dev{}", *m_dev);
    for (size_t i = 0; i < m_local.size(); ++i) {
        out += i == 0 ? '+' : '.';
        std::visit([&](const auto& v) { out += fmt::format("{}", v); }, m_local[i]);
    }
    return out;
}

Version Version::public_version() const {
    Version copy = *this;
    copy.m_local.clear();
    return copy;
}

namespace {

std::strong_ordering compare_release(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        uint64_t x = i < a.size() ? a[i] : 0;
        uint64_t y = i < b.size() ? b[i] : 0;
        if (x != y) return x <=> y;
    }
    return std::strong_ordering::equal;
}

// Pre-release key: a bare dev release (1.0.dev1) sorts before every pre-release of 1.0, a final
// or post release after all of them.
std::tuple<int, int, uint64_t> pre_key(const Version& v) {
    if (v.pre()) return {1, pre_rank(v.pre()->letter), v.pre()->number};
    if (!v.post() && v.dev()) return {0, 0, 0};
    return {2, 0, 0};
}

std::strong_ordering compare_local(const std::vector<LocalSegment>& a, const std::vector<LocalSegment>& b) {
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        // Numeric segments sort after alphanumeric ones.
        if (a[i].index() != b[i].index()) return a[i].index() == 0 ? std::strong_ordering::greater : std::strong_ordering::less;
        auto c = a[i] <=> b[i];
        if (c != 0) return c;
    }
    return a.size() <=> b.size();
}

}  // namespace

std::strong_ordering Version::operator<=>(const Version& other) const {
    if (auto c = m_epoch <=> other.m_epoch; c != 0) return c;
    if (auto c = compare_release(m_release, other.m_release); c != 0) return c;
    if (auto c = pre_key(*this) <=> pre_key(other); c != 0) return c;
    // No post release sorts before any post release.
    auto post_key = [](const Version& v) { return std::pair{v.m_post.has_value(), v.m_post.value_or(0)}; };
    if (auto c = post_key(*this) <=> post_key(other); c != 0) return c;
    // A dev release sorts before the same version without one.
    auto dev_key = [](const Version& v) { return std::pair{!v.m_dev.has_value(), v.m_dev.value_or(0)}; };
    if (auto c = dev_key(*this) <=> dev_key(other); c != 0) return c;
    return compare_local(m_local, other.m_local);
}

}  // namespace wb::specs
