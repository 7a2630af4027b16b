#pragma once
// A small HTTP/1.0 file server for the client-side tests, on 127.0.0.1 and a free port, serving a
// directory (resolved afresh per request). Chosen paths can misbehave: send data without end, or
// drip one byte at a time. Every connection and the whole server are bounded in time; the test
// stops it (destructor).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "util/file_util.hpp"

namespace wb::index::testing {

enum class Misbehaviour { Endless, Drip };

class TestHttpServer {
public:
    explicit TestHttpServer(std::filesystem::path root) : m_root(std::move(root)) {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(m_listen, 16);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { loop(); });
    }
    ~TestHttpServer() {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    void misbehave(const std::string& path, Misbehaviour how) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_bad[path] = how;
    }
    /// Runs action (on the server thread) the first time path is requested, before answering.
    void before_first(const std::string& path, std::function<void()> action) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_hooks[path] = std::move(action);
    }
    int requests() const { return m_requests; }

private:
    void loop() {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (!m_stop && std::chrono::steady_clock::now() < deadline && m_requests < 100000) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            ++m_requests;
            handle(fd);
            ::close(fd);
        }
    }

    static bool send_all(int fd, const std::string& data) {
        size_t done = 0;
        while (done < data.size()) {
            ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }

    void handle(int fd) {
        std::string request;
        char buf[4096];
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (request.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < until) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return;
            request.append(buf, static_cast<size_t>(n));
        }
        auto sp1 = request.find(' ');
        auto sp2 = request.find(' ', sp1 + 1);
        if (sp1 == std::string::npos || sp2 == std::string::npos) return;
        std::string path = request.substr(sp1 + 1, sp2 - sp1 - 1);
        std::optional<Misbehaviour> bad;
        std::function<void()> hook;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (auto it = m_bad.find(path); it != m_bad.end()) bad = it->second;
            if (auto it = m_hooks.find(path); it != m_hooks.end()) {
                hook = std::move(it->second);
                m_hooks.erase(it);
            }
        }
        if (hook) hook();
        if (bad) return misbehave_on(fd, *bad);
        if (path.find("..") != std::string::npos) return void(send_all(fd, "HTTP/1.0 403 Forbidden\r\n\r\n"));
        auto body = util::read_file(m_root / path.substr(1));
        if (!body || std::filesystem::is_directory(m_root / path.substr(1))) {
            return void(send_all(fd, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        }
        send_all(fd, "HTTP/1.0 200 OK\r\nContent-Length: " + std::to_string(body->size()) + "\r\n\r\n" + *body);
    }

    void misbehave_on(int fd, Misbehaviour how) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        if (how == Misbehaviour::Endless) {
            if (!send_all(fd, "HTTP/1.0 200 OK\r\n\r\n")) return;
            std::string chunk(64 * 1024, 'x');
            while (!m_stop && std::chrono::steady_clock::now() < until && send_all(fd, chunk)) {
            }
        } else {
            if (!send_all(fd, "HTTP/1.0 200 OK\r\n\r\n")) return;  // no length: only the stall gives it away
            while (!m_stop && std::chrono::steady_clock::now() < until && send_all(fd, "x")) {
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
        }
    }

    std::filesystem::path m_root;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    std::mutex m_mutex;
    std::map<std::string, Misbehaviour> m_bad;
    std::map<std::string, std::function<void()>> m_hooks;
    std::thread m_thread;
};

}  // namespace wb::index::testing
