#include "index/serve/server_handler.hpp"

#include <gtest/gtest.h>

#include "index/serve/http_date.hpp"
#include "index/serve/server_tree.hpp"
#include "server_test_tree.hpp"
#include "util/atomic_file.hpp"

namespace wb::index {
namespace {

using testing::body_of;
using testing::make_request;
using testing::TestTree;

constexpr const char* k_pip_accept =
    "Accept: application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01\r\n";

class ServerHandlerTest : public ::testing::Test {
protected:
    HttpResponse get(const std::string& target, const std::string& fields = "") const {
        return handler.handle(make_request("GET", target, fields));
    }

    TestTree tree;
    RequestHandler handler{HandlerOptions{tree.root(), 64 * 1024}};
};

TEST_F(ServerHandlerTest, ServesAWheelWithValidatorsAndCors) {
    std::string path = std::string("/packages/") + TestTree::k_wheel;
    HttpResponse response = get(path);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(body_of(response), tree.read(std::string("packages/") + TestTree::k_wheel));
    EXPECT_EQ(response.header("Content-Type"), "application/octet-stream");
    EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(response.header("Accept-Ranges"), "bytes");
    ASSERT_TRUE(response.header("ETag"));
    EXPECT_EQ(response.header("ETag")->front(), '"');
    EXPECT_TRUE(response.header("Last-Modified"));
    EXPECT_FALSE(response.close);
}

TEST_F(ServerHandlerTest, ContentTypesFollowTheName) {
    EXPECT_EQ(get(std::string("/packages/") + TestTree::k_wheel + ".metadata").header("Content-Type"),
              "text/plain; charset=utf-8");
    EXPECT_EQ(get("/pyodide-lock.json").header("Content-Type"), "application/json");
    EXPECT_EQ(get("/runtime/python.wasm").header("Content-Type"), "application/wasm");
    EXPECT_EQ(get("/runtime/python.js").header("Content-Type"), "text/javascript");
    EXPECT_EQ(get("/docs/").header("Content-Type"), "text/html; charset=utf-8");
    // A symlink inside the tree is served with the type of the name asked for.
    EXPECT_EQ(get("/packages/alias.whl").status, 200);
}

TEST_F(ServerHandlerTest, SimpleIndexDefaultsToHtml) {
    for (const std::string fields : {"", "Accept: */*\r\n", "Accept: text/html,*/*;q=0.8\r\n"}) {
        HttpResponse response = get("/simple/demo-pkg/", fields);
        EXPECT_EQ(response.status, 200) << fields;
        EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8") << fields;
        EXPECT_EQ(response.header("Vary"), "Accept");
        EXPECT_EQ(body_of(response), tree.read("simple/demo-pkg/index.html"));
    }
}

TEST_F(ServerHandlerTest, SimpleIndexNegotiatesJson) {
    HttpResponse response = get("/simple/demo-pkg/", k_pip_accept);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/vnd.pypi.simple.v1+json");
    EXPECT_EQ(response.header("Vary"), "Accept");
    EXPECT_EQ(body_of(response), tree.read("simple/demo-pkg/index.json"));
    HttpResponse root = get("/simple/", "Accept: application/vnd.pypi.simple.v1+json\r\n");
    EXPECT_EQ(body_of(root), tree.read("simple/index.json"));
}

TEST_F(ServerHandlerTest, SimpleIndexHonoursQValuesAndV1Html) {
    HttpResponse html = get("/simple/", "Accept: application/vnd.pypi.simple.v1+json;q=0.5, text/html\r\n");
    EXPECT_EQ(html.header("Content-Type"), "text/html; charset=utf-8");
    HttpResponse v1 = get("/simple/", "Accept: application/vnd.pypi.simple.v1+html\r\n");
    EXPECT_EQ(v1.header("Content-Type"), "application/vnd.pypi.simple.v1+html");
    EXPECT_EQ(body_of(v1), tree.read("simple/index.html"));
    // The two representations of one file must not share an entity tag.
    EXPECT_NE(html.header("ETag"), v1.header("ETag"));
}

TEST_F(ServerHandlerTest, SimpleIndexFormatQueryOverridesAccept) {
    HttpResponse response = get("/simple/?format=application/vnd.pypi.simple.v1%2Bjson", "Accept: text/html\r\n");
    EXPECT_EQ(response.header("Content-Type"), "application/vnd.pypi.simple.v1+json");
}

TEST_F(ServerHandlerTest, SimpleIndexRefusesUnacceptable) {
    HttpResponse response = get("/simple/demo-pkg/", "Accept: image/png\r\n");
    EXPECT_EQ(response.status, 406);
    EXPECT_NE(response.body.find("application/vnd.pypi.simple.v1+json"), std::string::npos);
    EXPECT_EQ(get("/simple/only-html/", "Accept: application/vnd.pypi.simple.v1+json\r\n").status, 406);
    EXPECT_EQ(get("/simple/only-html/", k_pip_accept).header("Content-Type"), "application/vnd.pypi.simple.v1+html");
}

TEST_F(ServerHandlerTest, SimpleIndexWithOneFormatOnly) {
    HttpResponse json = get("/simple/only-json/");  // no Accept: the default (HTML) is missing
    EXPECT_EQ(json.status, 200);
    EXPECT_EQ(json.header("Content-Type"), "application/vnd.pypi.simple.v1+json");
    EXPECT_EQ(body_of(json), tree.read("simple/only-json/index.json"));
    EXPECT_EQ(get("/simple/only-json/", "Accept: text/html\r\n").status, 406);
    EXPECT_EQ(get("/simple/empty/").status, 404);
}

TEST_F(ServerHandlerTest, DirectoriesWithoutSlashRedirect) {
    HttpResponse response = get("/simple/demo-pkg?x=1");
    EXPECT_EQ(response.status, 301);
    EXPECT_EQ(response.header("Location"), "/simple/demo-pkg/?x=1");
    EXPECT_EQ(get("/simple").header("Location"), "/simple/");
}

TEST_F(ServerHandlerTest, UnnormalizedProjectNamesRedirect) {
    HttpResponse response = get("/simple/Demo_Pkg/");
    EXPECT_EQ(response.status, 301);
    EXPECT_EQ(response.header("Location"), "/simple/demo-pkg/");
    EXPECT_EQ(get("/simple/missing/").status, 404);
}

TEST_F(ServerHandlerTest, MissingAndHiddenFilesAreNotFound) {
    EXPECT_EQ(get("/packages/none.whl").status, 404);
    EXPECT_EQ(get("/.hidden").status, 404);
    EXPECT_EQ(get("/packages/.demo.whl.tmp-abc").status, 404);
    EXPECT_EQ(get("/docs/empty/").status, 404);  // no listings
    EXPECT_EQ(get("/pyodide-lock.json/").status, 404);
}

TEST_F(ServerHandlerTest, TraversalIsRefused) {
    EXPECT_EQ(get("/../outside/secret.txt").status, 403);
    EXPECT_EQ(get("/simple/%2e%2e/%2e%2e/outside/secret.txt").status, 403);
    EXPECT_EQ(get("/packages/..%2f..%2foutside%2fsecret.txt").status, 403);
    EXPECT_EQ(get("/a%00b").status, 400);
}

TEST_F(ServerHandlerTest, SymlinksLeavingTheTreeAreRefused) {
    HttpResponse response = get("/packages/escape.whl");
    EXPECT_EQ(response.status, 403);
    EXPECT_EQ(response.body.find("outside secret"), std::string::npos);
    EXPECT_EQ(get("/outdir/secret.txt").status, 403);
}

TEST_F(ServerHandlerTest, IfNoneMatchGivesNotModified) {
    HttpResponse first = get("/simple/demo-pkg/", k_pip_accept);
    std::string etag(*first.header("ETag"));
    HttpResponse again = get("/simple/demo-pkg/", std::string(k_pip_accept) + "If-None-Match: " + etag + "\r\n");
    EXPECT_EQ(again.status, 304);
    EXPECT_FALSE(again.allows_body());
    EXPECT_EQ(again.header("ETag"), etag);
    EXPECT_EQ(again.header("Vary"), "Accept");
    // The HTML representation has another tag, so the JSON one does not validate it.
    EXPECT_EQ(get("/simple/demo-pkg/", "If-None-Match: " + etag + "\r\n").status, 200);
    EXPECT_EQ(get("/pyodide-lock.json", "If-None-Match: \"nope\"\r\n").status, 200);
}

TEST_F(ServerHandlerTest, ReplacedFileGetsANewEtag) {
    std::string before(*get("/pyodide-lock.json").header("ETag"));
    tree.replace("pyodide-lock.json", "{\"info\":{},\"packages\":{\"a\":{}}}\n");
    HttpResponse after = get("/pyodide-lock.json", "If-None-Match: " + before + "\r\n");
    EXPECT_EQ(after.status, 200);
    EXPECT_NE(after.header("ETag"), before);
}

TEST_F(ServerHandlerTest, IfModifiedSince) {
    HttpResponse first = get("/pyodide-lock.json");
    std::string last_modified(*first.header("Last-Modified"));
    EXPECT_EQ(get("/pyodide-lock.json", "If-Modified-Since: " + last_modified + "\r\n").status, 304);
    EXPECT_EQ(get("/pyodide-lock.json", "If-Modified-Since: " + format_http_date(1000) + "\r\n").status, 200);
    // If-None-Match takes precedence.
    EXPECT_EQ(get("/pyodide-lock.json", "If-Modified-Since: " + last_modified + "\r\nIf-None-Match: \"x\"\r\n").status,
              200);
}

TEST_F(ServerHandlerTest, SingleRanges) {
    std::string wheel = std::string("/packages/") + TestTree::k_wheel;
    std::string content = tree.read(std::string("packages/") + TestTree::k_wheel);
    HttpResponse partial = get(wheel, "Range: bytes=0-3\r\n");
    EXPECT_EQ(partial.status, 206);
    EXPECT_EQ(body_of(partial), content.substr(0, 4));
    EXPECT_EQ(partial.header("Content-Range"), "bytes 0-3/" + std::to_string(content.size()));
    HttpResponse tail = get(wheel, "Range: bytes=-10\r\n");
    EXPECT_EQ(body_of(tail), content.substr(content.size() - 10));
    HttpResponse beyond = get(wheel, "Range: bytes=999999-\r\n");
    EXPECT_EQ(beyond.status, 416);
    EXPECT_EQ(beyond.header("Content-Range"), "bytes */" + std::to_string(content.size()));
    EXPECT_EQ(get(wheel, "Range: bytes=0-1,4-5\r\n").status, 200);
}

TEST_F(ServerHandlerTest, IfRangeWithAStaleTagSendsEverything) {
    std::string wheel = std::string("/packages/") + TestTree::k_wheel;
    std::string etag(*get(wheel).header("ETag"));
    EXPECT_EQ(get(wheel, "Range: bytes=0-3\r\nIf-Range: " + etag + "\r\n").status, 206);
    HttpResponse stale = get(wheel, "Range: bytes=0-3\r\nIf-Range: \"old\"\r\n");
    EXPECT_EQ(stale.status, 200);
    EXPECT_EQ(stale.body_length(), tree.read(std::string("packages/") + TestTree::k_wheel).size());
}

TEST_F(ServerHandlerTest, LargeFilesAreSentFromTheFile) {
    HttpResponse response = get("/packages/big.whl");
    ASSERT_TRUE(response.file_body);
    EXPECT_EQ(response.body_length(), 300u * 1024);
    EXPECT_EQ(body_of(response), tree.read("packages/big.whl"));
    HttpResponse middle = get("/packages/big.whl", "Range: bytes=100000-100009\r\n");
    EXPECT_EQ(body_of(middle), tree.read("packages/big.whl").substr(100000, 10));
}

TEST_F(ServerHandlerTest, HeadHasTheLengthButNoBodyToSend) {
    HttpResponse response = handler.handle(make_request("HEAD", "/packages/big.whl"));
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(response.head_only);
    EXPECT_EQ(response.body_length(), 300u * 1024);
    EXPECT_NE(response.serialize_head("").find("Content-Length: 307200\r\n"), std::string::npos);
}

TEST_F(ServerHandlerTest, OptionsPreflight) {
    HttpResponse response = handler.handle(make_request(
        "OPTIONS", "/simple/", "Origin: http://example.test\r\nAccess-Control-Request-Method: GET\r\n"
                               "Access-Control-Request-Headers: range, if-none-match\r\n"));
    EXPECT_EQ(response.status, 204);
    EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(response.header("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(response.header("Access-Control-Allow-Headers"), "range, if-none-match");
    EXPECT_TRUE(response.header("Access-Control-Max-Age"));
    EXPECT_FALSE(response.allows_body());
}

TEST_F(ServerHandlerTest, OtherMethodsAndBodiesAreRefused) {
    HttpResponse post = handler.handle(make_request("POST", "/simple/"));
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("Allow"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(post.header("Access-Control-Allow-Origin"), "*");
    HttpResponse body = handler.handle(make_request("GET", "/simple/", "Content-Length: 5\r\n"));
    EXPECT_EQ(body.status, 413);
    EXPECT_TRUE(body.close);
}

TEST_F(ServerHandlerTest, Http11NeedsAHost) {
    auto request = HttpRequest::parse("GET /simple/ HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(request);
    EXPECT_EQ(handler.handle(*request).status, 400);
    auto old = HttpRequest::parse("GET /simple/ HTTP/1.0\r\n\r\n");
    HttpResponse response = handler.handle(*old);
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(response.close);
}

TEST_F(ServerHandlerTest, RootIsResolvedForEveryRequest) {
    // DIR is a symlink that publish swaps to a new generation.
    std::filesystem::path gen1 = tree.base() / "gen1", gen2 = tree.base() / "gen2", dir = tree.base() / "current";
    std::filesystem::create_directories(gen1);
    std::filesystem::create_directories(gen2);
    ASSERT_TRUE(util::write_file_atomic(gen1 / "pyodide-lock.json", "generation one\n"));
    ASSERT_TRUE(util::write_file_atomic(gen2 / "pyodide-lock.json", "generation two\n"));
    std::filesystem::create_directory_symlink("gen1", dir);
    RequestHandler swapping(HandlerOptions{dir});
    EXPECT_EQ(body_of(swapping.handle(make_request("GET", "/pyodide-lock.json"))), "generation one\n");
    std::filesystem::create_directory_symlink("gen2", tree.base() / "next");
    std::filesystem::rename(tree.base() / "next", dir);
    EXPECT_EQ(body_of(swapping.handle(make_request("GET", "/pyodide-lock.json"))), "generation two\n");
    std::filesystem::remove(dir);
    EXPECT_EQ(swapping.handle(make_request("GET", "/pyodide-lock.json")).status, 503);
}

/// The same refusals when paths are resolved with realpath (kernels without openat2).
class ServerHandlerRealpathTest : public ServerHandlerTest {
protected:
    void SetUp() override { use_realpath_resolution(true); }
    void TearDown() override { use_realpath_resolution(false); }
};

TEST_F(ServerHandlerRealpathTest, RefusesEscapesAndServesTheRest) {
    EXPECT_EQ(get("/packages/escape.whl").status, 403);
    EXPECT_EQ(get("/outdir/secret.txt").status, 403);
    EXPECT_EQ(get("/packages/alias.whl").status, 200);
    EXPECT_EQ(get("/.hidden").status, 404);
    EXPECT_EQ(get("/packages/none.whl").status, 404);
    HttpResponse page = get("/simple/demo-pkg/", k_pip_accept);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(body_of(page), tree.read("simple/demo-pkg/index.json"));
}

TEST_F(ServerHandlerRealpathTest, FollowsTheSwappedRoot) {
    std::filesystem::path gen1 = tree.base() / "gen1", gen2 = tree.base() / "gen2", dir = tree.base() / "current";
    std::filesystem::create_directories(gen1);
    std::filesystem::create_directories(gen2);
    ASSERT_TRUE(util::write_file_atomic(gen1 / "pyodide-lock.json", "one\n"));
    ASSERT_TRUE(util::write_file_atomic(gen2 / "pyodide-lock.json", "two\n"));
    std::filesystem::create_directory_symlink("gen1", dir);
    RequestHandler swapping(HandlerOptions{dir});
    EXPECT_EQ(body_of(swapping.handle(make_request("GET", "/pyodide-lock.json"))), "one\n");
    std::filesystem::create_directory_symlink("gen2", tree.base() / "next");
    std::filesystem::rename(tree.base() / "next", dir);
    EXPECT_EQ(body_of(swapping.handle(make_request("GET", "/pyodide-lock.json"))), "two\n");
}

}  // namespace
}  // namespace wb::index
