#include "index/serve/http_etag.hpp"

#include <vector>

#include <fmt/format.h>

#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::index {
namespace {

struct EntityTag {
    bool weak = false;
    std::string_view opaque;  ///< including the quotes
};

/// Splits a list of entity tags ('W/"a", "b"'); a malformed list yields what was read before it.
std::vector<EntityTag> parse_entity_tags(std::string_view text) {
    std::vector<EntityTag> tags;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
        if (i >= text.size()) break;
        EntityTag tag;
        if (text.compare(i, 2, "W/") == 0) {
            tag.weak = true;
            i += 2;
        }
        if (i >= text.size() || text[i] != '"') break;
        size_t close = text.find('"', i + 1);
        if (close == std::string_view::npos) break;
        tag.opaque = text.substr(i, close - i + 1);
        tags.push_back(tag);
        i = close + 1;
    }
    return tags;
}

std::string_view strip_weak(std::string_view etag) {
    if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
    return etag;
}

}  // namespace

std::string strong_etag(const FileStamp& stamp, std::string_view variant) {
    std::string digest = util::sha256_hex(
        fmt::format("{}:{}:{}:{}", stamp.device, stamp.inode, stamp.size, stamp.mtime_ns));
    if (variant.empty()) return fmt::format("\"{}\"", digest.substr(0, 20));
    return fmt::format("\"{}-{}\"", digest.substr(0, 20), variant);
}

bool if_none_match_matches(std::string_view header, std::string_view etag) {
    header = util::trim(header);
    if (header == "*") return true;
    std::string_view ours = strip_weak(etag);
    for (const auto& tag : parse_entity_tags(header)) {
        if (tag.opaque == ours) return true;
    }
    return false;
}

bool if_range_etag_matches(std::string_view header, std::string_view etag) {
    auto tags = parse_entity_tags(util::trim(header));
    if (tags.size() != 1 || tags.front().weak || etag.substr(0, 2) == "W/") return false;
    return tags.front().opaque == etag;
}

}  // namespace wb::index
