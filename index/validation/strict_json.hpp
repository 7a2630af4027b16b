#pragma once
// Parsing JSON that a hostile party may have written (signed metadata before its signatures are
// checked, anything read from a repository): a first SAX pass, which keeps no recursion of its own,
// refuses nesting deeper than k_max_json_depth and an object key given twice; only then is the
// document built. Nothing of the input can exhaust the stack or make two readers disagree on a key.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace wb::index {

using util::Expected;

/// The deepest nesting of arrays and objects accepted (signed metadata nests 6 deep).
inline constexpr size_t k_max_json_depth = 32;

/// Parses text strictly: valid UTF-8 JSON, no duplicate keys, at most k_max_json_depth levels,
/// nothing after the value. Fails (ErrorKind::Integrity) naming where and the reason.
Expected<nlohmann::json> parse_strict_json(std::string_view text, std::string_view where);

}  // namespace wb::index
