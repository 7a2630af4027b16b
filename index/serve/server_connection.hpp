#pragma once
// One client connection of the repository server: reads request heads (bounded in size and time),
// asks the RequestHandler for each response, and writes it back, keeping the connection alive
// between requests. Driven by the server's poll loop; works on any non-blocking stream socket.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "index/serve/http_request.hpp"
#include "index/serve/http_response.hpp"
#include "index/serve/server_handler.hpp"

namespace wb::index {

struct ConnectionLimits {
    size_t max_head_bytes = 16 * 1024;      ///< request line + fields; more → 431
    size_t max_request_line = 8 * 1024;     ///< longer → 414
    /// From the connection's accept (or the first byte of a later request) to the end of its head:
    /// a client that sends nothing, drips bytes or never finishes is dropped when it runs out,
    /// however steadily it sends.
    std::chrono::milliseconds header_timeout{10'000};
    std::chrono::milliseconds idle_timeout{30'000};  ///< keep-alive wait for the next request
    std::chrono::milliseconds send_timeout{30'000};  ///< longest wait for the client to take bytes
    /// When every slot is taken and a client waits, a connection that has waited this long for its
    /// client (idle keep-alive, or a head still incomplete) may be closed to make room.
    std::chrono::milliseconds evict_after{1'000};
};

using Clock = std::chrono::steady_clock;

/// Told about every answered request (for the access log).
using ResponseObserver = std::function<void(const HttpRequest&, const HttpResponse&)>;

class Connection {
public:
    /// Takes ownership of fd, which must be non-blocking.
    Connection(int fd, const RequestHandler& handler, const ConnectionLimits& limits, Clock::time_point now,
               ResponseObserver observer = {});
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd() const { return m_fd; }
    bool closed() const { return m_state == State::Closed; }
    /// POLLIN while reading a request, POLLOUT while writing a response.
    short poll_events() const;
    /// When on_timer() will drop the connection unless something happens before.
    Clock::time_point deadline() const { return m_deadline; }
    /// True while the connection waits for its client (between requests or within a request head).
    bool waiting_for_client() const { return m_state == State::Reading; }
    /// Since when it has waited: accept, or the end of the last response; bytes of an unfinished
    /// head do not move it, so a client dripping a head looks as old as it is.
    Clock::time_point waiting_since() const { return m_waiting_since; }

    void on_readable(Clock::time_point now);
    void on_writable(Clock::time_point now);
    /// Closes the connection when its deadline has passed.
    void on_timer(Clock::time_point now);
    void close();

private:
    enum class State { Reading, Writing, Closed };

    /// Answers every complete request head in the input, one after the other, while the socket
    /// takes the responses without waiting.
    void process_input(Clock::time_point now);
    /// Parses one request head from the input and starts its response; false while incomplete.
    bool take_request(Clock::time_point now);
    /// Answers a framing problem (414, 431, 400) and closes after writing; returns true.
    bool reject(int status, std::string_view detail, Clock::time_point now);
    void start_response(HttpResponse response, Clock::time_point now);
    /// Writes as much as the socket takes; false when the connection failed and was closed.
    bool write_pending();
    /// Writes what is pending; once the response is out, closes or waits for the next request.
    void flush(Clock::time_point now);

    int m_fd = -1;
    const RequestHandler& m_handler;
    const ConnectionLimits& m_limits;
    ResponseObserver m_observer;
    State m_state = State::Reading;
    Clock::time_point m_deadline;
    Clock::time_point m_waiting_since;
    bool m_request_started = true;   ///< the head deadline runs (from accept, then from a request's first byte)
    bool m_peer_closed = false;      ///< the client will send nothing more

    std::string m_input;
    std::string m_output;  ///< head (+ in-memory body) still to send, from m_output_sent
    size_t m_output_sent = 0;
    std::optional<FileSlice> m_file;  ///< file body still to send
    uint64_t m_file_sent = 0;
    bool m_close_after = false;
};

}  // namespace wb::index
