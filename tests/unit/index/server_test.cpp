#include "index/serve/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "server_test_tree.hpp"

namespace wb::index {
namespace {

using namespace std::chrono_literals;
using testing::TestTree;

/// A TCP client socket to 127.0.0.1:port with a receive timeout, closed on destruction.
class Client {
public:
    explicit Client(uint16_t port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        timeval timeout{5, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
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

class ServerTest : public ::testing::Test {
protected:
    void start(ServeOptions options) {
        options.root = tree.root();
        options.host = "127.0.0.1";
        options.port = 0;
        auto bound = Server::bind(std::move(options));
        ASSERT_TRUE(bound) << bound.error().message;
        server = std::move(*bound);
        thread = std::thread([this] { result = server->run(); });
    }
    void TearDown() override {
        if (server) server->stop();
        if (thread.joinable()) thread.join();
        if (server) {
            EXPECT_TRUE(result) << result.error().message;
        }
    }

    TestTree tree;
    std::unique_ptr<Server> server;
    std::thread thread;
    util::Expected<void> result;
};

TEST_F(ServerTest, BindsAFreePortAndServes) {
    start({});
    ASSERT_NE(server->port(), 0);
    EXPECT_EQ(server->url(), "http://127.0.0.1:" + std::to_string(server->port()) + "/");
    Client client(server->port());
    ASSERT_TRUE(client.connected());
    client.send("GET /simple/demo-pkg/ HTTP/1.1\r\nHost: x\r\nAccept: application/vnd.pypi.simple.v1+json\r\n\r\n");
    std::string reply = client.response();
    EXPECT_EQ(reply.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << reply;
    EXPECT_NE(reply.find("Content-Type: application/vnd.pypi.simple.v1+json\r\n"), std::string::npos);
    EXPECT_NE(reply.find(tree.read("simple/demo-pkg/index.json")), std::string::npos);
    // Same connection, second request.
    client.send("HEAD /pyodide-lock.json HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string head = client.response(false);
    EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
    EXPECT_NE(head.find("Content-Length: " + std::to_string(tree.read("pyodide-lock.json").size())), std::string::npos);
}

TEST_F(ServerTest, ServesManyClientsAtOnce) {
    start({});
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 20; ++i) {
        clients.push_back(std::make_unique<Client>(server->port()));
        clients.back()->send("GET /packages/big.whl HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    std::string expected = tree.read("packages/big.whl");
    for (auto& client : clients) {
        std::string reply = client->response();
        ASSERT_NE(reply.find("\r\n\r\n"), std::string::npos);
        EXPECT_EQ(reply.substr(reply.find("\r\n\r\n") + 4), expected);
    }
}

TEST_F(ServerTest, SilentClientIsDroppedWithoutBlockingOthers) {
    ServeOptions options;
    options.limits.header_timeout = 300ms;
    start(std::move(options));
    Client silent(server->port());
    silent.send("GET /simple/ HTTP/1.1\r\n");  // never finishes its head
    Client busy(server->port());
    busy.send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(busy.response().rfind("HTTP/1.1 200", 0), 0u);
    auto before = Clock::now();
    EXPECT_TRUE(silent.closed_by_server());
    EXPECT_LT(Clock::now() - before, 3s);
}

TEST_F(ServerTest, ConnectionLimitQueuesFurtherClients) {
    ServeOptions options;
    options.max_connections = 1;
    options.limits.idle_timeout = 400ms;
    start(std::move(options));
    Client first(server->port());
    first.send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(first.response().rfind("HTTP/1.1 200", 0), 0u);
    // The second client is connected by the kernel but not served while the first holds the slot.
    Client second(server->port());
    second.send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(server->connection_count(), 1u);
    // Once the first is dropped for idling, the second gets its answer.
    EXPECT_EQ(second.response().rfind("HTTP/1.1 200", 0), 0u);
    EXPECT_TRUE(first.closed_by_server());
}

TEST_F(ServerTest, StopPredicateEndsRun) {
    auto bound = Server::bind(ServeOptions{tree.root(), "127.0.0.1", 0});
    ASSERT_TRUE(bound) << bound.error().message;
    auto deadline = Clock::now() + 300ms;
    auto begun = Clock::now();
    auto ran = (*bound)->run([&] { return Clock::now() >= deadline; });
    EXPECT_TRUE(ran);
    EXPECT_LT(Clock::now() - begun, 2s);
}

TEST_F(ServerTest, BindFailures) {
    auto missing = Server::bind(ServeOptions{tree.base() / "nope", "127.0.0.1", 0});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::Input);
    EXPECT_NE(missing.error().message.find("nope"), std::string::npos);
    auto bad_host = Server::bind(ServeOptions{tree.root(), "not a host name", 0});
    ASSERT_FALSE(bad_host);
    EXPECT_EQ(bad_host.error().kind, util::ErrorKind::Usage);
    start({});
    auto taken = Server::bind(ServeOptions{tree.root(), "127.0.0.1", server->port()});
    ASSERT_FALSE(taken);
    EXPECT_NE(taken.error().message.find(std::to_string(server->port())), std::string::npos);
}

}  // namespace
}  // namespace wb::index
