#include "index/serve/http_request.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::index {
namespace {

using util::ErrorKind;
using util::fail;

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// Splits head into lines on LF, dropping a CR before it; stops at the first empty line.
std::vector<std::string_view> head_lines(std::string_view head) {
    std::vector<std::string_view> lines;
    while (!head.empty()) {
        size_t end = head.find('\n');
        std::string_view line = head.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        head.remove_prefix(end + 1);
    }
    return lines;
}

util::Expected<void> parse_request_line(std::string_view line, HttpRequest& request) {
    auto parts = util::split(line, ' ');
    if (parts.size() != 3 || parts[0].empty() || parts[1].empty()) {
        return fail(ErrorKind::Input, fmt::format("request line '{}': expected 'METHOD TARGET HTTP/1.x'", line));
    }
    if (!is_http_token(parts[0])) {
        return fail(ErrorKind::Input, fmt::format("request line '{}': method is not a token", line));
    }
    if (parts[2] == "HTTP/1.1") request.version_minor = 1;
    else if (parts[2] == "HTTP/1.0") request.version_minor = 0;
    else return fail(ErrorKind::Input, fmt::format("request line '{}': expected HTTP/1.0 or HTTP/1.1", line));
    request.method = parts[0];
    request.target = parts[1];
    std::string_view target = request.target;
    // Absolute form ("http://host/path") is allowed by HTTP/1.1: keep only the path and query.
    if (size_t scheme = target.find("://"); scheme != std::string_view::npos && target.front() != '/') {
        size_t slash = target.find('/', scheme + 3);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    if (size_t hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
    size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    if (request.path.empty() || (request.path.front() != '/' && request.path != "*")) {
        return fail(ErrorKind::Input, fmt::format("request target '{}': expected a path starting with '/'", parts[1]));
    }
    return {};
}

util::Expected<void> parse_field(std::string_view line, HttpRequest& request) {
    if (line.front() == ' ' || line.front() == '\t') {
        return fail(ErrorKind::Input, fmt::format("header line '{}': obsolete line folding is not accepted", line));
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_http_token(line.substr(0, colon))) {
        return fail(ErrorKind::Input, fmt::format("header line '{}': expected 'Name: value'", line));
    }
    request.headers.emplace_back(std::string(line.substr(0, colon)), std::string(util::trim(line.substr(colon + 1))));
    return {};
}

}  // namespace

bool is_http_token(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (!is_tchar(c)) return false;
    }
    return true;
}

bool header_lists_token(std::string_view value, std::string_view token) {
    for (const auto& part : util::split(value, ',')) {
        if (iequals(util::trim(part), token)) return true;
    }
    return false;
}

util::Expected<HttpRequest> HttpRequest::parse(std::string_view head) {
    auto lines = head_lines(head);
    if (lines.empty()) return fail(ErrorKind::Input, "empty request head: expected a request line");
    HttpRequest request;
    if (auto ok = parse_request_line(lines.front(), request); !ok) return tl::unexpected(ok.error());
    for (size_t i = 1; i < lines.size(); ++i) {
        if (auto ok = parse_field(lines[i], request); !ok) return tl::unexpected(ok.error());
    }
    return request;
}

std::optional<std::string_view> HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

std::optional<std::string> HttpRequest::combined_header(std::string_view name) const {
    std::optional<std::string> out;
    for (const auto& [key, value] : headers) {
        if (!iequals(key, name)) continue;
        if (!out) out = value;
        else *out += ", " + value;
    }
    return out;
}

bool HttpRequest::keep_alive() const {
    auto connection = combined_header("Connection");
    if (version_minor == 0) return connection && header_lists_token(*connection, "keep-alive");
    return !connection || !header_lists_token(*connection, "close");
}

bool HttpRequest::has_body() const {
    if (header("Transfer-Encoding")) return true;
    auto length = header("Content-Length");
    if (!length) return false;
    return length->find_first_not_of('0') != std::string_view::npos;
}

}  // namespace wb::index
