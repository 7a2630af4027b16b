#include "index/serve/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "server_test_client.hpp"
#include "server_test_tree.hpp"

namespace wb::index {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::TestTree;

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
