#include "index/serve/http_request.hpp"

#include <gtest/gtest.h>

namespace wb::index {
namespace {

TEST(HttpRequest, ParsesRequestLineAndFields) {
    auto request = HttpRequest::parse(
        "GET /simple/numpy/?format=json HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept:  text/html  \r\n\r\n");
    ASSERT_TRUE(request) << request.error().message;
    EXPECT_EQ(request->method, "GET");
    EXPECT_EQ(request->target, "/simple/numpy/?format=json");
    EXPECT_EQ(request->path, "/simple/numpy/");
    EXPECT_EQ(request->query, "format=json");
    EXPECT_EQ(request->version_minor, 1);
    EXPECT_EQ(request->header("host"), "127.0.0.1:8000");
    EXPECT_EQ(request->header("ACCEPT"), "text/html");
    EXPECT_FALSE(request->header("Range"));
}

TEST(HttpRequest, ToleratesBareLineFeeds) {
    auto request = HttpRequest::parse("HEAD / HTTP/1.0\nUser-Agent: x\n\n");
    ASSERT_TRUE(request) << request.error().message;
    EXPECT_EQ(request->method, "HEAD");
    EXPECT_EQ(request->version_minor, 0);
    EXPECT_EQ(request->header("user-agent"), "x");
}

TEST(HttpRequest, AbsoluteFormKeepsPathAndQuery) {
    auto request = HttpRequest::parse("GET http://localhost:8000/packages/a.whl?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
    ASSERT_TRUE(request) << request.error().message;
    EXPECT_EQ(request->path, "/packages/a.whl");
    EXPECT_EQ(request->query, "x=1");
}

TEST(HttpRequest, RefusesMalformedHeads) {
    EXPECT_FALSE(HttpRequest::parse(""));
    EXPECT_FALSE(HttpRequest::parse("GET /\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/2.0\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET  / HTTP/1.1\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("G(T / HTTP/1.1\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET relative HTTP/1.1\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nNo colon here\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"));
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n"));
    auto error = HttpRequest::parse("GET / HTTP/3\r\n\r\n");
    ASSERT_FALSE(error);
    EXPECT_NE(error.error().message.find("HTTP/1.0 or HTTP/1.1"), std::string::npos);
}

TEST(HttpRequest, KeepAliveFollowsVersionAndConnection) {
    EXPECT_TRUE(HttpRequest::parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n")->keep_alive());
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")->keep_alive());
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n")->keep_alive());
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.0\r\n\r\n")->keep_alive());
    EXPECT_TRUE(HttpRequest::parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")->keep_alive());
}

TEST(HttpRequest, DetectsBodies) {
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\n\r\n")->has_body());
    EXPECT_FALSE(HttpRequest::parse("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")->has_body());
    EXPECT_TRUE(HttpRequest::parse("GET / HTTP/1.1\r\nContent-Length: 12\r\n\r\n")->has_body());
    EXPECT_TRUE(HttpRequest::parse("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")->has_body());
}

TEST(HttpRequest, CombinesRepeatedFields) {
    auto request = HttpRequest::parse("GET / HTTP/1.1\r\nIf-None-Match: \"a\"\r\nIf-None-Match: \"b\"\r\n\r\n");
    ASSERT_TRUE(request);
    EXPECT_EQ(request->combined_header("if-none-match"), "\"a\", \"b\"");
    EXPECT_EQ(request->header("if-none-match"), "\"a\"");
    EXPECT_FALSE(request->combined_header("Accept"));
}

TEST(HttpRequest, TokensAndLists) {
    EXPECT_TRUE(is_http_token("GET"));
    EXPECT_TRUE(is_http_token("X-Custom_1"));
    EXPECT_FALSE(is_http_token(""));
    EXPECT_FALSE(is_http_token("a b"));
    EXPECT_FALSE(is_http_token("a:b"));
    EXPECT_TRUE(header_lists_token("keep-alive, Upgrade", "upgrade"));
    EXPECT_FALSE(header_lists_token("keep-alive", "close"));
}

}  // namespace
}  // namespace wb::index
