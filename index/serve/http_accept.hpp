#pragma once
// Content negotiation on the Accept header (RFC 9110 12.5.1): media ranges with q-values, and the
// choice among the media types a resource offers (PEP 691 uses it for the simple index).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wb::index {

/// One media range of an Accept header: "text/html", "application/*" or "*/*", with its weight.
struct MediaRange {
    std::string type;     ///< lowercase, "*" for any
    std::string subtype;  ///< lowercase, "*" for any
    double q = 1.0;       ///< 0 means "not acceptable"
};

/// Parses an Accept header value. Ranges that are not "type/subtype" or carry an unreadable q are
/// skipped; q is clamped to [0, 1].
std::vector<MediaRange> parse_accept(std::string_view header);

/// How a media type is accepted: its q-value and how specifically a range named it
/// (3: exactly, 2: "type/*", 1: "*/*", 0: not at all).
struct Acceptance {
    double q = 0.0;
    int specificity = 0;
};

/// The acceptance of one media type ("text/html") under the ranges; the most specific matching
/// range decides its q-value.
Acceptance acceptance_of(std::span<const MediaRange> ranges, std::string_view media_type);

/// Chooses among offered media types: the highest q wins; on a tie the more specific match wins;
/// among types named exactly, the earlier offer wins, while among types matched only by
/// wildcards the offer at fallback_index wins (the server's default). No header (nullopt) or an
/// empty one accepts anything: the fallback. Returns the index of the offer, nullopt when none is
/// acceptable (HTTP 406).
std::optional<size_t> choose_media_type(const std::optional<std::string_view>& accept_header,
                                        std::span<const std::string_view> offers, size_t fallback_index);

}  // namespace wb::index
