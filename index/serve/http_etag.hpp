#pragma once
// Entity tags for files served from the repository tree (RFC 9110 8.8.3) and the conditional
// headers that use them: If-None-Match (304 Not Modified) and If-Range (206 or the whole file).
#include <cstdint>
#include <string>
#include <string_view>

namespace wb::index {

/// What identifies one version of a file on disk. Publishing replaces files by rename, so a new
/// file gets a new inode even when size and mtime happen to match.
struct FileStamp {
    uint64_t device = 0;
    uint64_t inode = 0;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
};

/// A strong entity tag, quoted: '"' + 20 hex digits of SHA-256(stamp) [+ '-' + variant] + '"'.
/// variant distinguishes representations of one resource chosen by negotiation ("json", "html").
std::string strong_etag(const FileStamp& stamp, std::string_view variant = {});

/// If-None-Match: true when the header is "*" or lists etag (weak comparison: W/ is ignored).
bool if_none_match_matches(std::string_view header, std::string_view etag);

/// If-Range with an entity tag: true when it is strong and equal to etag (strong comparison).
bool if_range_etag_matches(std::string_view header, std::string_view etag);

}  // namespace wb::index
