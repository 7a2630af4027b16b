#include "index/serve/http_response.hpp"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace wb::index {
namespace {

using util::ErrorKind;
using util::fail;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

OpenFile::OpenFile(OpenFile&& other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path)) { other.m_fd = -1; }

OpenFile& OpenFile::operator=(OpenFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        m_path = std::move(other.m_path);
        other.m_fd = -1;
    }
    return *this;
}

OpenFile::~OpenFile() {
    if (m_fd >= 0) ::close(m_fd);
}

util::Expected<std::string> OpenFile::read(uint64_t offset, uint64_t length) const {
    std::string data(length, '\0');
    size_t done = 0;
    while (done < length) {
        ssize_t n = ::pread(m_fd, data.data() + done, length - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(ErrorKind::Io, fmt::format("{}: read failed: {}", m_path.string(), std::strerror(errno)));
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    data.resize(done);
    return data;
}

void HttpResponse::set_header(std::string_view name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (iequals(key, name)) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

uint64_t HttpResponse::body_length() const { return file_body ? file_body->length : body.size(); }

bool HttpResponse::allows_body() const { return status >= 200 && status != 204 && status != 304; }

std::string HttpResponse::serialize_head(std::string_view date) const {
    std::string head = fmt::format("HTTP/1.1 {} {}\r\n", status, reason_phrase(status));
    if (!date.empty()) head += fmt::format("Date: {}\r\n", date);
    for (const auto& [name, value] : headers) head += fmt::format("{}: {}\r\n", name, value);
    if (allows_body()) head += fmt::format("Content-Length: {}\r\n", body_length());
    head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 204: return "No Content";
        case 206: return "Partial Content";
        case 301: return "Moved Permanently";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 408: return "Request Timeout";
        case 413: return "Content Too Large";
        case 414: return "URI Too Long";
        case 416: return "Range Not Satisfiable";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return "Unknown";
    }
}

HttpResponse make_error_response(int status, std::string_view detail) {
    HttpResponse response;
    response.status = status;
    response.set_header("Content-Type", "text/plain; charset=utf-8");
    response.body = fmt::format("{} {}\n", status, reason_phrase(status));
    if (!detail.empty()) response.body += fmt::format("{}\n", detail);
    return response;
}

}  // namespace wb::index
