#pragma once
// Byte encodings: hex and base64 (standard and URL-safe without padding, as wheel RECORDs use).
#include <optional>
#include <string>
#include <string_view>

namespace wb::util {

std::string hex_encode(std::string_view bytes);
std::optional<std::string> hex_decode(std::string_view hex);
std::string base64_encode(std::string_view bytes);
/// URL-safe alphabet, no '=' padding (PEP 376/427 RECORD hashes).
std::string base64url_nopad(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace wb::util
