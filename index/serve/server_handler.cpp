#include "index/serve/server_handler.hpp"

#include <fmt/format.h>

#include "index/serve/http_path.hpp"
#include "index/serve/server_content_type.hpp"
#include "index/serve/server_file_response.hpp"
#include "index/serve/server_simple_page.hpp"
#include "index/serve/server_tree.hpp"
#include "specs/wheel_name.hpp"

namespace wb::index {
namespace {

constexpr std::string_view k_allowed_methods = "GET, HEAD, OPTIONS";
constexpr std::string_view k_default_allowed_headers = "Accept, Range, If-None-Match, If-Modified-Since, If-Range";

/// True for a list of field names ("accept, range"), safe to echo in Access-Control-Allow-Headers.
bool is_field_name_list(std::string_view value) {
    for (char c : value) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == ',' || c == ' ';
        if (!ok) return false;
    }
    return !value.empty() && value.size() < 1024;
}

HttpResponse preflight(const HttpRequest& request) {
    HttpResponse response;
    response.status = 204;
    response.set_header("Allow", std::string(k_allowed_methods));
    if (request.header("Access-Control-Request-Method")) {
        response.set_header("Access-Control-Allow-Methods", std::string(k_allowed_methods));
        auto requested = request.header("Access-Control-Request-Headers");
        bool echo = requested && is_field_name_list(*requested);
        response.set_header("Access-Control-Allow-Headers", std::string(echo ? *requested : k_default_allowed_headers));
        response.set_header("Access-Control-Max-Age", "86400");
    }
    return response;
}

HttpResponse redirect(std::string location) {
    HttpResponse response = make_error_response(301, location);
    response.set_header("Location", std::move(location));
    return response;
}

std::string with_query(std::string path, const std::string& query) {
    if (!query.empty()) path += "?" + query;
    return path;
}

/// /simple/Foo_Bar/ names the project foo-bar: clients get sent to the normalized URL (PEP 503).
std::optional<std::string> normalized_project_location(const RequestPath& path, const std::string& query) {
    if (path.segments.size() != 2 || path.segments.front() != "simple") return std::nullopt;
    std::string normalized = specs::normalize_name(path.segments[1]);
    if (normalized.empty() || normalized == path.segments[1]) return std::nullopt;
    return with_query(percent_encode_path("/simple/" + normalized + "/"), query);
}

}  // namespace

void add_cors_headers(HttpResponse& response) {
    response.set_header("Access-Control-Allow-Origin", "*");
    response.set_header("Access-Control-Expose-Headers", "ETag, Content-Range, Accept-Ranges, Content-Length");
}

HttpResponse RequestHandler::handle(const HttpRequest& request) const {
    HttpResponse response = dispatch(request);
    add_cors_headers(response);
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Server", "wasm-build");
    response.head_only = request.method == "HEAD";
    if (!request.keep_alive() || request.has_body() || response.status == 400) response.close = true;
    return response;
}

HttpResponse RequestHandler::dispatch(const HttpRequest& request) const {
    if (request.version_minor == 1 && !request.header("Host")) {
        return make_error_response(400, "an HTTP/1.1 request must carry a Host header");
    }
    if (request.has_body()) return make_error_response(413, "this server accepts no request bodies");
    if (request.method == "OPTIONS") return preflight(request);
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = make_error_response(405, fmt::format("{} is not served here", request.method));
        response.set_header("Allow", std::string(k_allowed_methods));
        return response;
    }
    if (request.path == "*") return make_error_response(400, "'*' is a target for OPTIONS only");
    return serve_path(request);
}

HttpResponse RequestHandler::serve_path(const HttpRequest& request) const {
    auto path = RequestPath::parse(request.path);
    if (!path) return make_error_response(path.error().status, path.error().reason);
    auto snapshot = TreeSnapshot::resolve(m_options.root);
    if (!snapshot) return make_error_response(503, "the repository tree is not available (not published yet?)");
    TreeLookup found = snapshot->lookup(path->segments);
    // The type follows the name asked for, not where a symlink leads.
    std::string name = path->segments.empty() ? "index.html" : path->segments.back();

    switch (found.status) {
        case LookupStatus::Forbidden:
            return make_error_response(403, fmt::format("{} leads outside the repository tree", path->str()));
        case LookupStatus::NotFound:
            if (auto location = normalized_project_location(*path, request.query)) return redirect(*location);
            return make_error_response(404, path->str());
        case LookupStatus::Directory: {
            if (!path->trailing_slash) return redirect(with_query(percent_encode_path(path->str() + "/"), request.query));
            if (is_simple_index_directory(path->segments)) {
                return respond_with_simple_page(request, *snapshot, path->segments, m_options.small_file_limit);
            }
            std::vector<std::string> index_segments = path->segments;
            index_segments.push_back("index.html");
            found = snapshot->lookup(index_segments);
            if (found.status != LookupStatus::File) return make_error_response(404, path->str() + " (no index.html)");
            name = "index.html";
            break;
        }
        case LookupStatus::File:
            if (path->trailing_slash) return make_error_response(404, path->str() + " is a file, not a directory");
            break;
    }
    return respond_with_file(request, *found.file,
                             {content_type_for(name), {}, m_options.small_file_limit});
}

}  // namespace wb::index
