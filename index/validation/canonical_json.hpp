#pragma once
// Canonical JSON, the byte form that signatures cover: object keys sorted by byte value, no
// insignificant whitespace, only '"' and '\' escaped in strings, integers only (no floats).
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace wb::index {

using util::Expected;

/// The canonical encoding of value; fails on floating-point numbers, which have no canonical form,
/// and on values nested deeper than k_max_json_depth (strict_json.hpp), naming the path.
Expected<std::string> canonical_json(const nlohmann::json& value);

}  // namespace wb::index
