#include "index/serve/server_file_response.hpp"

#include <string>

#include "index/serve/http_date.hpp"
#include "index/serve/http_etag.hpp"
#include "index/serve/http_range.hpp"

namespace wb::index {
namespace {

/// RFC 9110 13.1.2/13.1.3: If-None-Match decides when present; If-Modified-Since otherwise.
bool not_modified(const HttpRequest& request, std::string_view etag, std::time_t mtime) {
    if (auto none_match = request.combined_header("If-None-Match")) return if_none_match_matches(*none_match, etag);
    if (auto since = request.header("If-Modified-Since")) {
        auto time = parse_http_date(*since);
        return time && mtime <= *time;
    }
    return false;
}

/// RFC 9110 13.1.5: a Range is honoured only when If-Range (if any) still names this file.
bool if_range_allows(const HttpRequest& request, std::string_view etag, std::time_t mtime) {
    auto if_range = request.header("If-Range");
    if (!if_range) return true;
    if (!if_range->empty() && (if_range->front() == '"' || if_range->substr(0, 2) == "W/")) {
        return if_range_etag_matches(*if_range, etag);
    }
    auto time = parse_http_date(*if_range);
    return time && *time == mtime;
}

/// Fills the body with bytes [offset, offset + length) of the file.
void attach_body(HttpResponse& response, const TreeFile& file, uint64_t offset, uint64_t length,
                 const FileResponseOptions& options, bool head_only) {
    if (head_only || length > options.small_file_limit) {
        // HEAD needs only the length; the slice is never sent.
        response.file_body = FileSlice{file.file, offset, length};
        return;
    }
    auto bytes = file.file->read(offset, length);
    if (!bytes || bytes->size() != length) {
        response = make_error_response(500, "the file changed or could not be read while it was being served");
        return;
    }
    response.body = std::move(*bytes);
}

}  // namespace

HttpResponse respond_with_file(const HttpRequest& request, const TreeFile& file, const FileResponseOptions& options) {
    bool head_only = request.method == "HEAD";
    std::string etag = strong_etag(file.stamp, options.variant);
    std::string last_modified = format_http_date(file.mtime);
    uint64_t size = file.stamp.size;

    HttpResponse response;
    response.set_header("Content-Type", std::string(options.content_type));
    response.set_header("ETag", etag);
    response.set_header("Last-Modified", last_modified);
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Accept-Ranges", "bytes");

    if (not_modified(request, etag, file.mtime)) {
        response.status = 304;
        return response;
    }
    RangeDecision range;
    if (auto header = request.header("Range"); header && if_range_allows(request, etag, file.mtime)) {
        range = decide_range(*header, size);
    }
    if (range.outcome == RangeOutcome::Unsatisfiable) {
        HttpResponse refused = make_error_response(416, "the requested range lies beyond the end of the file");
        refused.set_header("Content-Range", unsatisfied_content_range(size));
        return refused;
    }
    if (range.outcome == RangeOutcome::Partial) {
        response.status = 206;
        response.set_header("Content-Range", content_range(range.range, size));
        attach_body(response, file, range.range.first, range.range.length(), options, head_only);
        return response;
    }
    attach_body(response, file, 0, size, options, head_only);
    return response;
}

}  // namespace wb::index
