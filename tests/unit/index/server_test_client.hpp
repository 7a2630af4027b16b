#pragma once
// A blocking TCP test client for the server tests: connects to 127.0.0.1 (or another loopback
// address, to act as another client), sends bytes, reads whole responses.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

namespace wb::index::testing {

/// A TCP client socket to 127.0.0.1:port with a receive timeout, closed on destruction; from is an
/// optional source address.
class Client {
public:
    explicit Client(uint16_t port, const char* from = nullptr) {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        timeval timeout{5, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (from) {  // a source address of the loopback range: another client as far as the server sees
            sockaddr_in local{};
            local.sin_family = AF_INET;
            ::inet_pton(AF_INET, from, &local.sin_addr);
            ::bind(m_fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(m_fd); }
    bool connected() const { return m_connected; }
    void send(const std::string& bytes) { ASSERT_EQ(::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), (ssize_t)bytes.size()); }

    /// Reads one response: the head, then Content-Length bytes (none for HEAD/304/204).
    std::string response(bool expect_body = true) {
        while (m_buffer.find("\r\n\r\n") == std::string::npos) {
            if (!fill()) return take(m_buffer.size());
        }
        size_t head_end = m_buffer.find("\r\n\r\n") + 4;
        size_t length = 0;
        size_t field = m_buffer.find("Content-Length: ");
        if (expect_body && field != std::string::npos && field < head_end) length = std::stoul(m_buffer.substr(field + 16));
        while (m_buffer.size() < head_end + length) {
            if (!fill()) break;
        }
        return take(std::min(m_buffer.size(), head_end + length));
    }

    /// True when the server closed the connection (read returns 0) within the receive timeout.
    bool closed_by_server() {
        char byte;
        return ::recv(m_fd, &byte, 1, 0) == 0;
    }

private:
    bool fill() {
        char buffer[65536];
        ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        m_buffer.append(buffer, static_cast<size_t>(n));
        return true;
    }
    std::string take(size_t n) {
        std::string out = m_buffer.substr(0, n);
        m_buffer.erase(0, n);
        return out;
    }
    int m_fd = -1;
    bool m_connected = false;
    std::string m_buffer;
};

}  // namespace wb::index::testing
