#pragma once
// One HTTP response as a value: status, header fields, and a body that is either bytes in memory
// or a slice of an open file (sent with sendfile). The request handler builds it; the connection
// writes it. Nothing here touches a socket.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace wb::index {

/// A read-only file descriptor, closed on destruction.
class OpenFile {
public:
    /// Takes ownership of an open descriptor; path names the file in messages.
    static OpenFile adopt(int fd, std::filesystem::path path) { return OpenFile(fd, std::move(path)); }
    OpenFile(OpenFile&& other) noexcept;
    OpenFile& operator=(OpenFile&& other) noexcept;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile();

    int fd() const { return m_fd; }
    /// Reads length bytes at offset (fewer only at end of file).
    util::Expected<std::string> read(uint64_t offset, uint64_t length) const;

private:
    explicit OpenFile(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    std::filesystem::path m_path;
};

/// Part of an open file to send as the body.
struct FileSlice {
    std::shared_ptr<const OpenFile> file;
    uint64_t offset = 0;
    uint64_t length = 0;
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;                  ///< used when file_body is empty
    std::optional<FileSlice> file_body;
    bool head_only = false;            ///< HEAD: headers as for GET, but no body bytes
    bool close = false;                ///< close the connection after this response

    /// Replaces (or adds) a header field; names compare case-insensitively.
    void set_header(std::string_view name, std::string value);
    std::optional<std::string_view> header(std::string_view name) const;

    /// Bytes of body that a GET would carry (what Content-Length says).
    uint64_t body_length() const;
    /// False for 1xx, 204 and 304, whose messages never carry a body or Content-Length.
    bool allows_body() const;

    /// The status line, the fields, Content-Length when a body is allowed, "Connection: close"
    /// when closing, a Date line when date is non-empty, and the empty line.
    std::string serialize_head(std::string_view date) const;
};

/// The standard reason phrase ("Not Found"); "Unknown" for codes the server never sends.
std::string_view reason_phrase(int status);

/// A small text/plain error response ("404 Not Found\n" + detail).
HttpResponse make_error_response(int status, std::string_view detail);

}  // namespace wb::index
