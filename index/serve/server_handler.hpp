#pragma once
// What `wasm-build index serve` answers to one parsed request, without sockets: GET/HEAD of the
// tree's files, PEP 691 negotiation between index.json and index.html under /simple/, CORS on every
// answer (and OPTIONS preflights), and refusal of paths that leave the tree.
#include <cstdint>
#include <filesystem>

#include "index/serve/http_request.hpp"
#include "index/serve/http_response.hpp"

namespace wb::index {

struct HandlerOptions {
    /// DIR, resolved afresh for every request (publish may swap it, a symlink, to a new generation).
    std::filesystem::path root;
    /// Files up to this size are read into memory; larger ones are sent from the file.
    uint64_t small_file_limit = 256 * 1024;
};

class RequestHandler {
public:
    explicit RequestHandler(HandlerOptions options) : m_options(std::move(options)) {}

    /// The complete response to request. Never throws for bad input: a malformed path, an unknown
    /// method or a missing file is an HTTP error response. Sets close when the connection must end.
    HttpResponse handle(const HttpRequest& request) const;

    const HandlerOptions& options() const { return m_options; }

private:
    HttpResponse dispatch(const HttpRequest& request) const;
    HttpResponse serve_path(const HttpRequest& request) const;

    HandlerOptions m_options;
};

/// The CORS headers every response carries (Access-Control-Allow-Origin: * and the exposed fields).
void add_cors_headers(HttpResponse& response);

}  // namespace wb::index
