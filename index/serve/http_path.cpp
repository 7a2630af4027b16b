#include "index/serve/http_path.hpp"

#include <fmt/format.h>

#include "util/safe_path.hpp"
#include "util/strings.hpp"

namespace wb::index {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// A request may name any byte but NUL; '\\' is a separator to some servers and clients.
constexpr util::PathRules k_segment_rules{.root_allowed = true, .control_allowed = true, .backslash_allowed = false};

tl::unexpected<PathRejection> reject(int status, std::string reason) {
    return tl::unexpected(PathRejection{status, std::move(reason)});
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        int high = hex_value(text[i + 1]);
        int low = hex_value(text[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string percent_encode_path(std::string_view path) {
    constexpr std::string_view k_keep = "-._~/!$&'()*+,;=:@";
    std::string out;
    for (char c : path) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || k_keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

tl::expected<RequestPath, PathRejection> RequestPath::parse(std::string_view raw_path) {
    if (raw_path.empty() || raw_path.front() != '/') {
        return reject(400, fmt::format("request path '{}' does not start with '/'", raw_path));
    }
    RequestPath path;
    path.trailing_slash = raw_path.size() > 1 && raw_path.back() == '/';
    for (const auto& raw : util::split(raw_path.substr(1), '/')) {
        auto segment = percent_decode(raw);
        if (!segment) return reject(400, fmt::format("request path '{}': malformed %-escape in '{}'", raw_path, raw));
        // One decoded segment as a path under the tree: "" and "." are the directory it is in.
        auto safe = util::SafePath::check(*segment, k_segment_rules);
        if (!safe && safe.error().problem == util::PathProblem::Nul) {
            return reject(400, fmt::format("request path '{}': NUL byte in '{}'", raw_path, raw));
        }
        if (!safe && safe.error().problem == util::PathProblem::DotDot) {
            return reject(403, fmt::format("request path '{}' climbs out of the tree", raw_path));
        }
        if (!safe || segment->find('/') != std::string::npos) {  // absolute, a backslash, an encoded '/'
            return reject(403, fmt::format("request path '{}': encoded separator in '{}'", raw_path, raw));
        }
        if (!safe->is_root()) path.segments.push_back(std::move(*segment));
    }
    if (path.segments.empty()) path.trailing_slash = true;
    return path;
}

std::string RequestPath::str() const {
    std::string out = "/" + util::join(segments, "/");
    if (trailing_slash && !segments.empty()) out += '/';
    return out;
}

}  // namespace wb::index
