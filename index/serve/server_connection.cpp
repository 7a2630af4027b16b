#include "index/serve/server_connection.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <mutex>

#include "index/serve/http_date.hpp"

namespace wb::index {
namespace {

constexpr size_t k_read_chunk = 16 * 1024;
constexpr int k_max_reads_per_wakeup = 8;
constexpr size_t k_sendfile_chunk = 1 << 20;

/// A peer that goes away mid-write must not kill the process.
void ignore_sigpipe() {
    static std::once_flag once;
    std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

/// The Date header value, formatted once per second.
const std::string& current_date() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        cached_second = now;
        cached = format_http_date(now);
    }
    return cached;
}

/// Where the request head ends (just past the empty line), or npos while incomplete.
size_t find_head_end(const std::string& input) {
    size_t crlf = input.find("\r\n\r\n");
    size_t lf = input.find("\n\n");
    if (crlf == std::string::npos && lf == std::string::npos) return std::string::npos;
    if (lf == std::string::npos || (crlf != std::string::npos && crlf < lf)) return crlf + 4;
    return lf + 2;
}

}  // namespace

Connection::Connection(int fd, const RequestHandler& handler, const ConnectionLimits& limits, Clock::time_point now,
                       ResponseObserver observer)
    : m_fd(fd), m_handler(handler), m_limits(limits), m_observer(std::move(observer)),
      m_deadline(now + limits.header_timeout), m_waiting_since(now) {
    ignore_sigpipe();
}

Connection::~Connection() { close(); }

void Connection::close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    m_state = State::Closed;
    m_file.reset();
}

short Connection::poll_events() const {
    switch (m_state) {
        case State::Reading: return POLLIN;
        case State::Writing: return POLLOUT;
        case State::Closed: return 0;
    }
    return 0;
}

void Connection::on_readable(Clock::time_point now) {
    if (m_state != State::Reading) return;
    char buffer[k_read_chunk];
    for (int i = 0; i < k_max_reads_per_wakeup && m_input.size() <= m_limits.max_head_bytes; ++i) {
        ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_input.append(buffer, static_cast<size_t>(n));
            if (static_cast<size_t>(n) < sizeof buffer) break;  // drained; poll tells when more comes
            continue;
        }
        if (n == 0) {  // the client closed its side: answer what it sent, then close
            m_peer_closed = true;
            break;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        close();
        return;
    }
    process_input(now);
}

void Connection::process_input(Clock::time_point now) {
    while (m_state == State::Reading) {
        if (!take_request(now)) {
            if (m_peer_closed) close();
            return;
        }
        flush(now);
    }
}

bool Connection::take_request(Clock::time_point now) {
    // Empty lines before a request line are allowed (RFC 9112 2.2).
    size_t skip = m_input.find_first_not_of("\r\n");
    m_input.erase(0, skip == std::string::npos ? m_input.size() : skip);
    if (m_input.empty()) return false;
    if (!m_request_started) {
        m_request_started = true;
        m_deadline = now + m_limits.header_timeout;
    }
    size_t end = find_head_end(m_input);
    size_t line_end = m_input.find('\n');
    size_t line_length = line_end == std::string::npos ? m_input.size() : line_end;
    if (line_length > m_limits.max_request_line) return reject(414, "the request line is too long", now);
    if (end == std::string::npos) {
        if (m_input.size() > m_limits.max_head_bytes) return reject(431, "the request head is too large", now);
        return false;  // wait for the rest
    }
    if (end > m_limits.max_head_bytes) return reject(431, "the request head is too large", now);
    std::string head = m_input.substr(0, end);
    m_input.erase(0, end);
    auto request = HttpRequest::parse(head);
    if (!request) return reject(400, request.error().message, now);
    HttpResponse response = m_handler.handle(*request);
    if (m_observer) m_observer(*request, response);
    start_response(std::move(response), now);
    return true;
}

bool Connection::reject(int status, std::string_view detail, Clock::time_point now) {
    HttpResponse response = make_error_response(status, detail);
    add_cors_headers(response);
    response.close = true;
    m_input.clear();
    start_response(std::move(response), now);
    return true;
}

void Connection::start_response(HttpResponse response, Clock::time_point now) {
    m_output = response.serialize_head(current_date());
    m_output_sent = 0;
    m_file.reset();
    m_file_sent = 0;
    if (!response.head_only && response.allows_body()) {
        if (response.file_body) m_file = std::move(response.file_body);
        else m_output += response.body;
    }
    m_close_after = response.close;
    m_state = State::Writing;
    m_deadline = now + m_limits.send_timeout;
}

bool Connection::write_pending() {
    while (m_output_sent < m_output.size()) {
        ssize_t n = ::send(m_fd, m_output.data() + m_output_sent, m_output.size() - m_output_sent, MSG_NOSIGNAL);
        if (n > 0) {
            m_output_sent += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
        close();
        return false;
    }
    while (m_file && m_file_sent < m_file->length) {
        off_t offset = static_cast<off_t>(m_file->offset + m_file_sent);
        size_t count = static_cast<size_t>(std::min<uint64_t>(m_file->length - m_file_sent, k_sendfile_chunk));
        ssize_t n = ::sendfile(m_fd, m_file->file->fd(), &offset, count);
        if (n > 0) {
            m_file_sent += static_cast<uint64_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
        // n == 0: the file shrank under us; the promised length cannot be kept, so end the connection.
        close();
        return false;
    }
    return true;
}

void Connection::flush(Clock::time_point now) {
    if (m_state != State::Writing) return;
    size_t before_output = m_output_sent;
    uint64_t before_file = m_file_sent;
    if (!write_pending()) return;
    if (m_output_sent != before_output || m_file_sent != before_file) m_deadline = now + m_limits.send_timeout;
    bool done = m_output_sent == m_output.size() && (!m_file || m_file_sent == m_file->length);
    if (!done) return;
    m_output.clear();
    m_output_sent = 0;
    m_file.reset();
    if (m_close_after) {
        ::shutdown(m_fd, SHUT_WR);
        close();
        return;
    }
    m_state = State::Reading;
    m_request_started = false;
    m_deadline = now + m_limits.idle_timeout;
    m_waiting_since = now;
}

void Connection::on_writable(Clock::time_point now) {
    flush(now);
    process_input(now);  // a pipelined request may already be buffered
}

void Connection::on_timer(Clock::time_point now) {
    if (m_state != State::Closed && now >= m_deadline) close();
}

}  // namespace wb::index
