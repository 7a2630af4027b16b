// Slots under attack: slow and idle clients must not keep well-behaved ones waiting.
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "index/serve/server.hpp"
#include "server_test_client.hpp"
#include "server_test_tree.hpp"

namespace wb::index {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::TestTree;

class ServerSlotsTest : public ::testing::Test {
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
    }
    /// Seconds a fresh client from address from waits for a 200 to one request.
    double request_seconds(const char* from) {
        auto before = Clock::now();
        Client client(server->port(), from);
        client.send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_EQ(client.response().rfind("HTTP/1.1 200", 0), 0u);
        return std::chrono::duration<double>(Clock::now() - before).count();
    }

    TestTree tree;
    std::unique_ptr<Server> server;
    std::thread thread;
    util::Expected<void> result;
};

TEST_F(ServerSlotsTest, SlowClientsFillingEverySlotMakeRoomForANewOne) {
    ServeOptions options;
    options.max_connections = 8;
    options.limits.evict_after = 200ms;  // header and idle timeouts stay at 10 s and 30 s
    start(std::move(options));
    std::vector<std::unique_ptr<Client>> slow;
    for (int i = 0; i < 8; ++i) {
        std::string from = "127.0.0." + std::to_string(10 + i);  // eight clients, one connection each
        slow.push_back(std::make_unique<Client>(server->port(), from.c_str()));
        slow.back()->send("GET /simple/ HTTP/1.1\r\nX-a: ");  // a head that never ends
    }
    std::this_thread::sleep_for(400ms);
    EXPECT_EQ(server->connection_count(), 8u);
    EXPECT_LT(request_seconds("127.0.0.2"), 2.0);  // was: the full 10 s header timeout
    EXPECT_TRUE(slow.front()->closed_by_server());  // the one that waited longest made room
}

TEST_F(ServerSlotsTest, IdleKeepAliveClientsMakeRoomForANewOne) {
    ServeOptions options;
    options.max_connections = 4;
    options.limits.evict_after = 200ms;
    start(std::move(options));
    std::vector<std::unique_ptr<Client>> idle;
    for (int i = 0; i < 4; ++i) {
        idle.push_back(std::make_unique<Client>(server->port()));
        idle.back()->send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
        ASSERT_EQ(idle.back()->response().rfind("HTTP/1.1 200", 0), 0u);
    }
    std::this_thread::sleep_for(300ms);
    EXPECT_LT(request_seconds("127.0.0.3"), 2.0);  // was: the 30 s idle timeout
}

TEST_F(ServerSlotsTest, BusyConnectionsAreNotEvicted) {
    ServeOptions options;
    options.max_connections = 1;
    options.limits.evict_after = 10s;
    start(std::move(options));
    Client first(server->port());
    first.send("GET /simple/ HTTP/1.1\r\nHost: x\r\nX-a: ");
    Client second(server->port(), "127.0.0.4");
    second.send("GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(server->connection_count(), 1u);  // the first has not waited 10 s yet: it keeps its slot
    first.send("\r\n\r\n");
    EXPECT_EQ(first.response().rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(ServerSlotsTest, OneAddressHoldsAtMostItsShare) {
    ServeOptions options;
    options.max_per_client = 2;
    start(std::move(options));
    Client a(server->port()), b(server->port());
    a.send("GET /simple/ HTTP/1.1\r\nX-a: ");
    b.send("GET /simple/ HTTP/1.1\r\nX-a: ");
    Client third(server->port());
    EXPECT_TRUE(third.closed_by_server());  // at once, not after a timeout
    EXPECT_LT(request_seconds("127.0.0.5"), 2.0);  // another address is served
}

}  // namespace
}  // namespace wb::index
