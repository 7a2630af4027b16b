#pragma once
// The response for one file of the tree: validators (ETag, Last-Modified), the conditional
// requests that use them (If-None-Match / If-Modified-Since → 304), and single byte ranges
// (Range / If-Range → 206 or 416). Small files are read into memory, large ones sent from the fd.
#include <cstdint>
#include <string_view>

#include "index/serve/http_request.hpp"
#include "index/serve/http_response.hpp"
#include "index/serve/server_tree.hpp"

namespace wb::index {

struct FileResponseOptions {
    std::string_view content_type;
    /// Names the negotiated representation ("json", "html") in the ETag; empty for plain files.
    std::string_view variant;
    /// Files up to this size are read into the response; larger ones go out with sendfile.
    uint64_t small_file_limit = 256 * 1024;
};

/// Builds the 200/206/304/416 response for a GET or HEAD of file.
HttpResponse respond_with_file(const HttpRequest& request, const TreeFile& file, const FileResponseOptions& options);

}  // namespace wb::index
