#include "index/serve/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "index/serve/server_tree.hpp"

namespace wb::index {
namespace {

using util::ErrorKind;
using util::fail;

constexpr auto k_stop_check_interval = std::chrono::milliseconds(200);
constexpr auto k_accept_backoff = std::chrono::milliseconds(100);
constexpr int k_listen_backlog = 128;

/// A listening socket on host:port; the first address getaddrinfo offers that binds wins.
util::Expected<int> listen_on(const std::string& host, uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string service = std::to_string(port);
    if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
        return fail(ErrorKind::Usage, fmt::format("--host {}: cannot resolve: {}", host, ::gai_strerror(rc)));
    }
    std::string last_error = "no address";
    int fd = -1;
    for (addrinfo* ai = found; ai != nullptr && fd < 0; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, k_listen_backlog) == 0) break;
        last_error = std::strerror(errno);
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(found);
    if (fd < 0) return fail(ErrorKind::Usage, fmt::format("cannot listen on {}:{}: {}", host, port, last_error));
    return fd;
}

uint16_t bound_port(int fd) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

/// The client's IP address as text ("127.0.0.2", "::1").
std::string peer_address(const sockaddr_storage& address) {
    char text[INET6_ADDRSTRLEN] = "?";
    if (address.ss_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
    } else if (address.ss_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
    }
    return text;
}

int milliseconds_until(Clock::time_point now, Clock::time_point when) {
    if (when <= now) return 0;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when - now).count() + 1;
    return static_cast<int>(std::min<int64_t>(ms, k_stop_check_interval.count()));
}

}  // namespace

/// A connection and the client address it counts against.
struct Slot {
    std::unique_ptr<Connection> connection;
    std::string peer;
    Connection* operator->() const { return connection.get(); }
};

struct Server::Connections {
    std::vector<Slot> list;
    std::map<std::string, size_t> per_peer;
    Clock::time_point accept_paused_until{};
};

util::Expected<std::unique_ptr<Server>> Server::bind(ServeOptions options) {
    if (auto tree = TreeSnapshot::resolve(options.root); !tree) return fail(ErrorKind::Input, tree.error().message);
    if (options.max_connections == 0) return fail(ErrorKind::Usage, "--max-connections must be at least 1");
    if (options.max_per_client == 0) return fail(ErrorKind::Usage, "--max-per-client must be at least 1");
    auto fd = listen_on(options.host, options.port);
    if (!fd) return tl::unexpected(fd.error());
    int wake[2];
    if (::pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        ::close(*fd);
        return fail(ErrorKind::Io, fmt::format("cannot create the server's wake-up pipe: {}", std::strerror(errno)));
    }
    uint16_t port = bound_port(*fd);
    return std::unique_ptr<Server>(new Server(std::move(options), *fd, port, wake[0], wake[1]));
}

Server::Server(ServeOptions options, int listen_fd, uint16_t port, int wake_read, int wake_write)
    : m_options(std::move(options)),
      m_handler(HandlerOptions{m_options.root, m_options.small_file_limit}),
      m_listen_fd(listen_fd), m_port(port), m_wake_read(wake_read), m_wake_write(wake_write),
      m_connections(std::make_unique<Connections>()) {}

Server::~Server() {
    m_connections.reset();
    for (int fd : {m_listen_fd, m_wake_read, m_wake_write}) {
        if (fd >= 0) ::close(fd);
    }
}

std::string Server::url() const {
    bool ipv6 = m_options.host.find(':') != std::string::npos;
    return ipv6 ? fmt::format("http://[{}]:{}/", m_options.host, m_port)
                : fmt::format("http://{}:{}/", m_options.host, m_port);
}

void Server::stop() {
    char byte = 1;
    [[maybe_unused]] auto n = ::write(m_wake_write, &byte, 1);
}

void Server::accept_clients(Clock::time_point now) {
    auto& list = m_connections->list;
    for (;;) {
        if (list.size() >= m_options.max_connections && !evict_longest_waiting(now)) {
            // Every slot is busy with a client that is being served or has only just come: the
            // newcomer waits in the listen queue; look again shortly.
            m_connections->accept_paused_until = now + k_accept_backoff;
            return;
        }
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        int fd = ::accept4(m_listen_fd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            // Out of descriptors: leave the client queued and look again a little later.
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                m_connections->accept_paused_until = now + k_accept_backoff;
            }
            return;
        }
        admit(fd, peer_address(address), now);
    }
}

void Server::admit(int fd, const std::string& peer, Clock::time_point now) {
    size_t& count = m_connections->per_peer[peer];
    if (count >= m_options.max_per_client) {
        ::close(fd);  // this address holds its share of the slots already
        return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ++count;
    m_connections->list.push_back(
        Slot{std::make_unique<Connection>(fd, m_handler, m_options.limits, now, m_options.observer), peer});
}

bool Server::evict_longest_waiting(Clock::time_point now) {
    Slot* oldest = nullptr;
    for (Slot& slot : m_connections->list) {
        if (slot->closed() || !slot->waiting_for_client()) continue;
        if (now - slot->waiting_since() < m_options.limits.evict_after) continue;
        if (!oldest || slot->waiting_since() < (*oldest)->waiting_since()) oldest = &slot;
    }
    if (!oldest) return false;
    (*oldest)->close();
    remove_closed();
    return true;
}

void Server::remove_closed() {
    auto& per_peer = m_connections->per_peer;
    std::erase_if(m_connections->list, [&](const Slot& slot) {
        if (!slot->closed()) return false;
        auto it = per_peer.find(slot.peer);
        if (it != per_peer.end() && --it->second == 0) per_peer.erase(it);
        return true;
    });
}

util::Expected<void> Server::run(const std::function<bool()>& should_stop) {
    auto& list = m_connections->list;
    std::vector<pollfd> fds;
    while (!(should_stop && should_stop())) {
        Clock::time_point now = Clock::now();
        bool accepting = now >= m_connections->accept_paused_until;  // also when full: a newcomer may make room
        fds.clear();
        fds.push_back({m_wake_read, POLLIN, 0});
        fds.push_back({accepting ? m_listen_fd : -1, POLLIN, 0});
        Clock::time_point wake_at = now + k_stop_check_interval;
        for (const auto& connection : list) {
            fds.push_back({connection->fd(), connection->poll_events(), 0});
            wake_at = std::min(wake_at, connection->deadline());
        }
        if (::poll(fds.data(), fds.size(), milliseconds_until(now, wake_at)) < 0 && errno != EINTR) {
            return fail(ErrorKind::Io, fmt::format("poll failed while serving {}: {}", url(), std::strerror(errno)));
        }
        if (fds[0].revents != 0) break;  // stop() was called
        now = Clock::now();
        for (size_t i = 0; i < list.size(); ++i) {
            short events = fds[i + 2].revents;
            if (events & (POLLIN | POLLHUP | POLLERR)) list[i]->on_readable(now);
            if (events & (POLLOUT | POLLHUP | POLLERR)) list[i]->on_writable(now);
            list[i]->on_timer(now);
        }
        remove_closed();
        if (accepting && (fds[1].revents & POLLIN)) accept_clients(now);
        m_connection_count = list.size();
    }
    char drain[64];
    while (::read(m_wake_read, drain, sizeof drain) > 0) {
    }
    list.clear();
    m_connections->per_peer.clear();
    m_connection_count = 0;
    return {};
}

}  // namespace wb::index
