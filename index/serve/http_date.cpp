#include "index/serve/http_date.hpp"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::index {
namespace {

constexpr std::array<std::string_view, 7> k_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> parse_int(std::string_view text, size_t max_digits) {
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<int> parse_month(std::string_view text) {
    for (size_t i = 0; i < k_months.size(); ++i) {
        if (text == k_months[i]) return static_cast<int>(i);
    }
    return std::nullopt;
}

/// Fills hour, minute and second from "08:49:37".
bool parse_clock(std::string_view text, std::tm& tm) {
    auto parts = util::split(text, ':');
    if (parts.size() != 3) return false;
    auto h = parse_int(parts[0], 2), m = parse_int(parts[1], 2), s = parse_int(parts[2], 2);
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return false;
    tm.tm_hour = *h;
    tm.tm_min = *m;
    tm.tm_sec = *s;
    return true;
}

}  // namespace

std::string format_http_date(std::time_t time) {
    std::tm tm{};
    ::gmtime_r(&time, &tm);
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", k_days[static_cast<size_t>(tm.tm_wday)], tm.tm_mday,
                       k_months[static_cast<size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
    std::string normalized(util::trim(text));
    for (char& c : normalized) {
        if (c == ',' || c == '-') c = ' ';
    }
    auto words = util::split_whitespace(normalized);
    std::optional<int> day, month, year;
    std::string_view clock;
    std::string_view year_text;
    if (words.size() == 6 && words[5] == "GMT") {  // IMF-fixdate or RFC 850
        day = parse_int(words[1], 2);
        month = parse_month(words[2]);
        year_text = words[3];
        clock = words[4];
    } else if (words.size() == 5) {  // asctime: "Sun Nov  6 08:49:37 1994"
        month = parse_month(words[1]);
        day = parse_int(words[2], 2);
        clock = words[3];
        year_text = words[4];
    } else {
        return std::nullopt;
    }
    if (year_text.size() == 4) year = parse_int(year_text, 4);
    else if (year_text.size() == 2 && words.size() == 6) year = parse_int(year_text, 2);
    if (year && year_text.size() == 2) *year += *year < 70 ? 2000 : 1900;  // RFC 850's two digits
    std::tm tm{};
    if (!day || !month || !year || *day < 1 || *day > 31 || !parse_clock(clock, tm)) return std::nullopt;
    tm.tm_mday = *day;
    tm.tm_mon = *month;
    tm.tm_year = year.value_or(1970) - 1900;
    return ::timegm(&tm);
}

}  // namespace wb::index
