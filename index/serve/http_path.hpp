#pragma once
// The path of a request as a list of safe segments under the served tree: percent-decoded once,
// with "." and empty segments dropped, and anything that could climb out of the tree refused.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::index {

/// Decodes %XX escapes (a '+' stays a '+'); nullopt on a truncated or non-hex escape.
std::optional<std::string> percent_decode(std::string_view text);

/// Escapes a path for a Location header: keeps unreserved characters, '/', and sub-delims.
std::string percent_encode_path(std::string_view path);

/// Why a request path was refused, as the HTTP status to answer.
struct PathRejection {
    int status = 400;  ///< 400 malformed (bad escape, NUL), 403 trying to leave the tree
    std::string reason;
};

struct RequestPath {
    std::vector<std::string> segments;  ///< decoded, never "", ".", ".." nor containing '/' or NUL
    bool trailing_slash = false;        ///< the path named a directory ("/simple/")

    /// From the still-encoded path of a request ("/simple/my%2Dpkg/"). A ".." segment (also as
    /// %2e%2e), an encoded '/' or '\\' inside a segment, or a NUL byte is refused.
    static tl::expected<RequestPath, PathRejection> parse(std::string_view raw_path);

    /// "/a/b/" form of the segments (decoded), with the trailing slash when it had one.
    std::string str() const;
};

}  // namespace wb::index
