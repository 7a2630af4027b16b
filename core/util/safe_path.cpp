#include "util/safe_path.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace wb::util {
namespace fs = std::filesystem;

namespace {

tl::unexpected<PathRefusal> refuse(PathProblem problem, std::string reason) {
    return tl::unexpected(PathRefusal{problem, std::move(reason)});
}

/// The first character the rules refuse, if any.
std::optional<PathRefusal> character_problem(std::string_view text, const PathRules& rules) {
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u == 0) return PathRefusal{PathProblem::Nul, "has a NUL byte"};
        if ((u < 0x20 || u == 0x7f) && !rules.control_allowed) {
            return PathRefusal{PathProblem::Control, fmt::format("has a control character (0x{:02x})", u)};
        }
        if (c == '\\' && !rules.backslash_allowed) return PathRefusal{PathProblem::Backslash, "has a backslash"};
    }
    return std::nullopt;
}

}  // namespace

tl::expected<SafePath, PathRefusal> SafePath::check(std::string_view text, const PathRules& rules) {
    if (text.empty()) {
        if (rules.root_allowed) return SafePath();
        return refuse(PathProblem::Empty, "is empty");
    }
    if (auto problem = character_problem(text, rules)) return tl::unexpected(std::move(*problem));
    if (text.front() == '/') return refuse(PathProblem::Absolute, "has an absolute path");
    SafePath path;
    while (!text.empty()) {
        size_t slash = text.find('/');
        std::string_view part = text.substr(0, slash);
        text = slash == std::string_view::npos ? std::string_view() : text.substr(slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") return refuse(PathProblem::DotDot, "has a '..' component");
        path.m_components.emplace_back(part);
    }
    if (path.is_root() && !rules.root_allowed) return refuse(PathProblem::Root, "names the root itself");
    return path;
}

Expected<SafePath> SafePath::parse(std::string_view text, const PathRules& rules) {
    auto path = check(text, rules);
    if (!path) return fail(ErrorKind::Input, fmt::format("'{}' {}", text, path.error().reason));
    return std::move(*path);
}

std::string SafePath::str() const {
    std::string out;
    for (const auto& part : m_components) {
        if (!out.empty()) out += '/';
        out += part;
    }
    return out;
}

fs::path SafePath::under(const fs::path& root) const {
    fs::path out = root;
    for (const auto& part : m_components) out /= part;
    return out;
}

SafePath SafePath::prefix(size_t count) const {
    SafePath out;
    count = std::min(count, m_components.size());
    out.m_components.assign(m_components.begin(), m_components.begin() + static_cast<long>(count));
    return out;
}

std::optional<SafePath> symlink_on_path(const fs::path& root, const SafePath& path, bool include_last) {
    size_t size = path.components().size();
    size_t limit = include_last || size == 0 ? size : size - 1;
    fs::path at = root;
    for (size_t i = 0; i < limit; ++i) {
        at /= path.components()[i];
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(at, ec))) return path.prefix(i + 1);
    }
    return std::nullopt;
}

Expected<void> no_symlink_on_path(const fs::path& root, const SafePath& path, ErrorKind kind) {
    if (auto link = symlink_on_path(root, path)) {
        return fail(kind, fmt::format("{}: is a symlink", link->under(root).string()));
    }
    return {};
}

}  // namespace wb::util
