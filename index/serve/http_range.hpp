#pragma once
// Byte ranges (RFC 9110 14): the server answers a single "Range: bytes=..." with 206 or 416 and
// ignores what it does not serve (several ranges, other units), sending the whole file instead.
#include <cstdint>
#include <string>
#include <string_view>

namespace wb::index {

struct ByteRange {
    uint64_t first = 0;
    uint64_t last = 0;  ///< inclusive
    uint64_t length() const { return last - first + 1; }
};

enum class RangeOutcome {
    Ignore,         ///< no usable single byte range: send the whole representation (200)
    Partial,        ///< send ByteRange (206)
    Unsatisfiable,  ///< no byte of the range exists (416)
};

struct RangeDecision {
    RangeOutcome outcome = RangeOutcome::Ignore;
    ByteRange range;
};

/// Interprets a Range header value for a representation of `size` bytes: "bytes=0-99",
/// "bytes=100-" (to the end), "bytes=-100" (the last 100). The last position is clipped to the size.
RangeDecision decide_range(std::string_view header, uint64_t size);

/// "bytes 0-99/1234" for a 206 response.
std::string content_range(const ByteRange& range, uint64_t size);

/// "bytes */1234" for a 416 response.
std::string unsatisfied_content_range(uint64_t size);

}  // namespace wb::index
