#pragma once
// A small repository tree in a temporary directory for the server tests, laid out as publish
// writes it: simple/ pages in both formats, packages/ with a wheel and its .metadata, metadata/.
#include <filesystem>
#include <string>

#include "index/serve/http_request.hpp"
#include "index/serve/http_response.hpp"

namespace wb::index::testing {

class TestTree {
public:
    TestTree();
    ~TestTree();
    TestTree(const TestTree&) = delete;
    TestTree& operator=(const TestTree&) = delete;

    /// The temporary directory that holds the tree (root()) and things beside it.
    const std::filesystem::path& base() const { return m_base; }
    /// The served tree.
    std::filesystem::path root() const { return m_base / "repo"; }
    /// Writes a file under the tree in place (creating directories).
    void write(const std::string& relative, const std::string& content) const;
    /// Replaces a file as publish does: a new file renamed over the old one.
    void replace(const std::string& relative, const std::string& content) const;
    std::string read(const std::string& relative) const;

    static constexpr const char* k_wheel = "demo_pkg-1.0-cp311-cp311-emscripten_3_1_6_wasm32.whl";

private:
    std::filesystem::path m_base;
};

/// Parses "GET /path HTTP/1.1" plus extra header lines into a request with a Host field.
HttpRequest make_request(const std::string& method, const std::string& target, const std::string& extra_fields = "");

/// The body a GET would carry: the in-memory body or the bytes of the file slice.
std::string body_of(const HttpResponse& response);

}  // namespace wb::index::testing
