#include "index/serve/http_range.hpp"

#include <optional>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::index {
namespace {

/// Reads a decimal position; nullopt when empty, not all digits, or beyond 2^63.
std::optional<uint64_t> parse_position(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    return value;
}

}  // namespace

RangeDecision decide_range(std::string_view header, uint64_t size) {
    header = util::trim(header);
    constexpr std::string_view k_unit = "bytes=";
    if (header.size() < k_unit.size() || util::to_lower(header.substr(0, k_unit.size())) != k_unit) return {};
    std::string_view spec = util::trim(header.substr(k_unit.size()));
    if (spec.find(',') != std::string_view::npos) return {};  // several ranges: served whole
    size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return {};
    std::string_view first_text = util::trim(spec.substr(0, dash));
    std::string_view last_text = util::trim(spec.substr(dash + 1));

    if (first_text.empty()) {  // suffix range: the last N bytes
        auto suffix = parse_position(last_text);
        if (!suffix) return {};
        if (*suffix == 0 || size == 0) return {RangeOutcome::Unsatisfiable, {}};
        uint64_t length = *suffix < size ? *suffix : size;
        return {RangeOutcome::Partial, {size - length, size - 1}};
    }
    auto first = parse_position(first_text);
    if (!first) return {};
    uint64_t last = size == 0 ? 0 : size - 1;
    if (!last_text.empty()) {
        auto parsed = parse_position(last_text);
        if (!parsed || *parsed < *first) return {};  // invalid range: ignored (RFC 9110 14.1.1)
        if (*parsed < last) last = *parsed;
    }
    if (*first >= size) return {RangeOutcome::Unsatisfiable, {}};
    return {RangeOutcome::Partial, {*first, last}};
}

std::string content_range(const ByteRange& range, uint64_t size) {
    return fmt::format("bytes {}-{}/{}", range.first, range.last, size);
}

std::string unsatisfied_content_range(uint64_t size) { return fmt::format("bytes */{}", size); }

}  // namespace wb::index
