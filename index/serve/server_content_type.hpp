#pragma once
// Content types of the files in a published repository tree, by file name, and the three media
// types of the PEP 691 simple index among which a client chooses with its Accept header.
#include <string_view>

namespace wb::index {

inline constexpr std::string_view k_simple_json_type = "application/vnd.pypi.simple.v1+json";
inline constexpr std::string_view k_simple_html_type = "application/vnd.pypi.simple.v1+html";
inline constexpr std::string_view k_text_html_type = "text/html";

/// The Content-Type for a file: wheels application/octet-stream (what pip and micropip accept),
/// PEP 658 .metadata text/plain, .json application/json, .html text/html, .wasm application/wasm,
/// .js text/javascript, .sqlite application/vnd.sqlite3; anything unknown application/octet-stream.
std::string_view content_type_for(std::string_view file_name);

}  // namespace wb::index
