#include "index/serve/server_connection.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "server_test_tree.hpp"

namespace wb::index {
namespace {

using namespace std::chrono_literals;
using testing::TestTree;

/// A Connection on one end of a socket pair; the test plays the client on the other end.
class ServerConnectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        int fds[2];
        ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        client = fds[1];
        limits.header_timeout = 1000ms;
        limits.idle_timeout = 5000ms;
        limits.max_head_bytes = 1024;
        limits.max_request_line = 512;
        connection = std::make_unique<Connection>(fds[0], handler, limits, start);
    }
    void TearDown() override { ::close(client); }

    void send(const std::string& bytes) {
        ASSERT_EQ(::send(client, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
    }

    /// Lets the connection run until it waits for the client, as the poll loop would.
    void pump(Clock::time_point now) {
        for (int i = 0; i < 1000 && !connection->closed(); ++i) {
            pollfd fd{connection->fd(), connection->poll_events(), 0};
            if (::poll(&fd, 1, 0) <= 0) return;
            if (fd.revents & (POLLIN | POLLHUP | POLLERR)) connection->on_readable(now);
            if (fd.revents & (POLLOUT | POLLHUP | POLLERR)) connection->on_writable(now);
        }
    }

    /// Everything the server has written so far.
    std::string received() {
        std::string out;
        char buffer[65536];
        while (true) {
            ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<size_t>(n));
        }
        return out;
    }

    static size_t count(const std::string& text, const std::string& needle) {
        size_t n = 0;
        for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
        return n;
    }

    TestTree tree;
    RequestHandler handler{HandlerOptions{tree.root(), 64 * 1024}};
    ConnectionLimits limits;
    Clock::time_point start = Clock::now();
    std::unique_ptr<Connection> connection;
    int client = -1;
};

TEST_F(ServerConnectionTest, AnswersAndKeepsTheConnection) {
    send("GET /pyodide-lock.json HTTP/1.1\r\nHost: t\r\n\r\n");
    pump(start);
    std::string reply = received();
    EXPECT_EQ(reply.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << reply;
    EXPECT_NE(reply.find("Connection: keep-alive\r\n"), std::string::npos);
    EXPECT_NE(reply.find("Date: "), std::string::npos);
    EXPECT_NE(reply.find("\r\n\r\n" + tree.read("pyodide-lock.json")), std::string::npos);
    EXPECT_FALSE(connection->closed());
    EXPECT_EQ(connection->poll_events(), POLLIN);
    send("GET /simple/ HTTP/1.1\r\nHost: t\r\n\r\n");
    pump(start);
    EXPECT_EQ(received().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
}

TEST_F(ServerConnectionTest, PipelinedRequestsAreAnsweredInOrder) {
    send("GET /simple/ HTTP/1.1\r\nHost: t\r\n\r\nHEAD /packages/big.whl HTTP/1.1\r\nHost: t\r\n\r\n"
         "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    pump(start);
    std::string reply = received();
    size_t first = reply.find("HTTP/1.1 200");
    size_t second = reply.find("HTTP/1.1 200", first + 1);
    size_t third = reply.find("HTTP/1.1 404");
    ASSERT_NE(third, std::string::npos) << reply;
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
    // HEAD announces the big file's length but sends none of it.
    EXPECT_NE(reply.find("Content-Length: 307200\r\n"), std::string::npos);
    EXPECT_LT(reply.size(), 4096u);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, LargeBodiesArriveWhole) {
    send("GET /packages/big.whl HTTP/1.1\r\nHost: t\r\n\r\n");
    std::string reply;
    for (int i = 0; i < 10000 && reply.size() < 300 * 1024 + 100; ++i) {
        pump(start);
        reply += received();
        if (reply.find("\r\n\r\n") != std::string::npos &&
            reply.size() - reply.find("\r\n\r\n") - 4 == 300 * 1024) break;
    }
    size_t body = reply.find("\r\n\r\n");
    ASSERT_NE(body, std::string::npos);
    EXPECT_EQ(reply.substr(body + 4), tree.read("packages/big.whl"));
}

TEST_F(ServerConnectionTest, DripFeedingClientIsDroppedAtTheHeaderDeadline) {
    send("GET /simple/ HT");
    pump(start);
    EXPECT_FALSE(connection->closed());
    // More bytes keep arriving, but they do not extend the deadline for the head.
    send("TP/1.1\r\nHo");
    pump(start + 900ms);
    connection->on_timer(start + 900ms);
    EXPECT_FALSE(connection->closed());
    EXPECT_LE(connection->deadline(), start + 1000ms);
    connection->on_timer(start + 1001ms);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, IdleKeepAliveConnectionIsDropped) {
    send("GET /simple/ HTTP/1.1\r\nHost: t\r\n\r\n");
    Clock::time_point answered = start + 10ms;
    pump(answered);
    received();
    connection->on_timer(answered + 4900ms);
    EXPECT_FALSE(connection->closed());
    connection->on_timer(answered + 5001ms);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, OversizedHeadIs431) {
    std::string head = "GET / HTTP/1.1\r\nHost: t\r\n";
    while (head.size() < 2000) head += "X-Filler: " + std::string(100, 'f') + "\r\n";
    send(head);
    pump(start);
    std::string reply = received();
    EXPECT_EQ(reply.rfind("HTTP/1.1 431 ", 0), 0u) << reply;
    EXPECT_NE(reply.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, LongRequestLineIs414) {
    send("GET /" + std::string(600, 'a'));
    pump(start);
    EXPECT_EQ(received().rfind("HTTP/1.1 414 ", 0), 0u);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, GarbageIs400AndCloses) {
    send("\x16\x03\x01 not http at all\r\n\r\n");
    pump(start);
    EXPECT_EQ(received().rfind("HTTP/1.1 400 ", 0), 0u);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, HalfClosedClientStillGetsItsAnswer) {
    send("GET /pyodide-lock.json HTTP/1.1\r\nHost: t\r\n\r\n");
    ::shutdown(client, SHUT_WR);
    pump(start);
    EXPECT_EQ(received().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
    EXPECT_TRUE(connection->closed());
}

TEST_F(ServerConnectionTest, ClientThatLeavesMidRequestIsClosed) {
    send("GET /simple/ HTTP/1.1\r\n");
    ::shutdown(client, SHUT_WR);
    pump(start);
    EXPECT_TRUE(connection->closed());
    EXPECT_EQ(received(), "");
}

}  // namespace
}  // namespace wb::index
