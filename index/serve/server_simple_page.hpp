#pragma once
// PEP 691 content negotiation for the simple index: /simple/ and /simple/<project>/ are served from
// index.json (application/vnd.pypi.simple.v1+json) or index.html (application/vnd.pypi.simple.v1+html
// or text/html) as the Accept header (or a ?format= query) asks; HTML when nothing is said.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "index/serve/http_request.hpp"
#include "index/serve/http_response.hpp"
#include "index/serve/server_tree.hpp"

namespace wb::index {

/// True for the directories whose index is negotiated: /simple/ and /simple/<project>/.
bool is_simple_index_directory(std::span<const std::string> segments);

/// The response for a GET/HEAD of such a directory (real_dir inside snapshot): the chosen file with
/// its media type and "Vary: Accept", 406 when the client accepts none of those offered, 404 when
/// the directory has neither index file.
HttpResponse respond_with_simple_page(const HttpRequest& request, const TreeSnapshot& snapshot,
                                      std::span<const std::string> segments, uint64_t small_file_limit);

}  // namespace wb::index
