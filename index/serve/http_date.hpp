#pragma once
// HTTP dates (RFC 9110 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT" for Date and Last-Modified, and
// reading the three formats clients may send in If-Modified-Since and If-Range.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace wb::index {

/// The IMF-fixdate form of a time (always GMT).
std::string format_http_date(std::time_t time);

/// Reads IMF-fixdate, the obsolete RFC 850 form and asctime(); nullopt for anything else.
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace wb::index
