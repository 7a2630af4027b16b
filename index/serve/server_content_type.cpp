#include "index/serve/server_content_type.hpp"

#include <array>
#include <utility>

#include "util/strings.hpp"

namespace wb::index {
namespace {

// Suffix -> type; the first suffix that ends the (lowercased) name wins, so longer ones come first.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> k_types = {{
    {".metadata", "text/plain; charset=utf-8"},
    {".whl", "application/octet-stream"},
    {".json", "application/json"},
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".wasm", "application/wasm"},
    {".mjs", "text/javascript"},
    {".js", "text/javascript"},
    {".map", "application/json"},
    {".sqlite", "application/vnd.sqlite3"},
    {".txt", "text/plain; charset=utf-8"},
    {".md", "text/markdown; charset=utf-8"},
    {".css", "text/css"},
    {".svg", "image/svg+xml"},
    {".zip", "application/zip"},
    {".tar.gz", "application/gzip"},
    {".tgz", "application/gzip"},
    {".gz", "application/gzip"},
    {".tar.xz", "application/x-xz"},
    {".tar", "application/x-tar"},
    {".sig", "application/octet-stream"},
}};

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
    std::string lower = util::to_lower(file_name);
    for (const auto& [suffix, type] : k_types) {
        if (lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
            return type;
        }
    }
    return "application/octet-stream";
}

}  // namespace wb::index
