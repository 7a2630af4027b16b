#pragma once
// One HTTP/1.x request head (request line + header fields) as the repository server reads it:
// parsed from the bytes up to the blank line, with no I/O, so it can be tested on plain strings.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace wb::index {

struct HttpRequest {
    std::string method;   ///< "GET", "HEAD", ... (case-sensitive, as RFC 9110 says)
    std::string target;   ///< the request-target as sent ("/simple/numpy/?x=1")
    std::string path;     ///< target without the query, still percent-encoded ("/simple/numpy/")
    std::string query;    ///< text after '?', without it ("" when none)
    int version_minor = 1;  ///< HTTP/1.<minor>: 0 or 1
    std::vector<std::pair<std::string, std::string>> headers;  ///< in order, names as sent

    /// Parses a request head: the request line and header fields, each ending in CRLF (a bare LF is
    /// tolerated), with or without the final empty line. Fails (ErrorKind::Input) on a malformed
    /// line, an unsupported HTTP version, obsolete line folding or a header name with spaces.
    static util::Expected<HttpRequest> parse(std::string_view head);

    /// The first field with this name (case-insensitive), trimmed.
    std::optional<std::string_view> header(std::string_view name) const;

    /// Every value of a field that may repeat, joined with ", " (RFC 9110 5.3); nullopt if absent.
    std::optional<std::string> combined_header(std::string_view name) const;

    /// True when the connection may carry another request after this one: HTTP/1.1 unless
    /// "Connection: close", HTTP/1.0 only with "Connection: keep-alive".
    bool keep_alive() const;

    /// True when the request announces a body (a non-zero Content-Length or any Transfer-Encoding).
    bool has_body() const;
};

/// True for a field name or method token (RFC 9110 tchar).
bool is_http_token(std::string_view text);

/// True when a comma-separated header value lists token (case-insensitive), e.g. "close".
bool header_lists_token(std::string_view value, std::string_view token);

}  // namespace wb::index
