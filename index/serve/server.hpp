#pragma once
// `wasm-build index serve`: a small HTTP/1.1 server for a published repository tree, for development
// and small deployments. One thread, one poll loop over non-blocking sockets; keep-alive, GET, HEAD
// and OPTIONS; everything a request may do is bounded in size and time (see ConnectionLimits).
// Slots go to well-behaved clients first: one address holds at most max_per_client of them, and
// when all are taken while someone waits, the connection that has waited longest for its client
// (idle keep-alive or a head still dripping in) is closed to make room.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "index/serve/server_connection.hpp"
#include "index/serve/server_handler.hpp"
#include "util/error.hpp"

namespace wb::index {

struct ServeOptions {
    std::filesystem::path root;      ///< DIR, the published tree (may be a symlink swapped by publish)
    std::string host = "127.0.0.1";  ///< numeric address or name to listen on
    uint16_t port = 8000;            ///< 0 picks a free port
    size_t max_connections = 256;    ///< further clients wait in the listen queue (or make room, see above)
    size_t max_per_client = 32;      ///< connections one client address may hold; more are closed at once
    ConnectionLimits limits;
    uint64_t small_file_limit = 256 * 1024;
    ResponseObserver observer;       ///< called for every answered request (access log)
};

class Server {
public:
    /// Creates the listening socket. Fails (Usage) for an unusable host/port or limit, (Input) when
    /// root is not a directory at start.
    static util::Expected<std::unique_ptr<Server>> bind(ServeOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// The port actually bound (the chosen one when 0 was asked for).
    uint16_t port() const { return m_port; }
    /// "http://HOST:PORT/" (IPv6 hosts in brackets).
    std::string url() const;
    size_t connection_count() const { return m_connection_count.load(); }

    /// Serves until stop() is called or should_stop() returns true (checked at least every 200 ms).
    util::Expected<void> run(const std::function<bool()>& should_stop = {});
    /// Asks run() to return; safe from any thread.
    void stop();

private:
    Server(ServeOptions options, int listen_fd, uint16_t port, int wake_read, int wake_write);
    void accept_clients(Clock::time_point now);
    /// Takes one accepted socket unless its address holds max_per_client connections already.
    void admit(int fd, const std::string& peer, Clock::time_point now);
    /// Closes the connection that has waited longest for its client (at least evict_after); false
    /// when none has.
    bool evict_longest_waiting(Clock::time_point now);
    /// Drops closed connections and their per-address counts.
    void remove_closed();

    ServeOptions m_options;
    RequestHandler m_handler;
    int m_listen_fd = -1;
    uint16_t m_port = 0;
    int m_wake_read = -1;
    int m_wake_write = -1;
    std::atomic<size_t> m_connection_count{0};
    struct Connections;
    std::unique_ptr<Connections> m_connections;
};

}  // namespace wb::index
