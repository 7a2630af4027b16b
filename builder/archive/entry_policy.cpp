#include "archive/entry_policy.hpp"

#include <deque>

#include <fmt/format.h>

#include "util/safe_path.hpp"
#include "util/strings.hpp"

namespace wb::archive {
namespace fs = std::filesystem;

namespace {

/// Symlinks followed while resolving one target before it counts as a loop (as the kernel's 40).
constexpr int k_max_symlink_hops = 40;

/// Names in upstream archives may hold any byte but NUL; "./" is the destination itself.
constexpr util::PathRules k_entry_rules{.root_allowed = true, .control_allowed = true};

fs::path join_under(const fs::path& root, const std::vector<std::string>& parts) {
    fs::path path = root;
    for (const auto& part : parts) path /= part;
    return path;
}

std::deque<std::string> split_target(std::string_view target) {
    std::deque<std::string> parts;
    for (auto& part : util::split(target, '/')) {
        if (!part.empty() && part != ".") parts.push_back(std::move(part));
    }
    return parts;
}

}  // namespace

tl::expected<std::vector<std::string>, std::string> entry_components(std::string_view name) {
    auto path = util::SafePath::check(name, k_entry_rules);
    if (!path && path.error().problem == util::PathProblem::DotDot) {
        return tl::unexpected(std::string("escapes the destination"));
    }
    if (!path) return tl::unexpected(std::move(path.error().reason));
    return path->components();
}

unsigned masked_mode(bool is_directory, unsigned archive_mode) {
    if (is_directory) return 0755;
    return (archive_mode & 0111) != 0 ? 0755 : 0644;
}

std::optional<std::string> symlink_escapes(const fs::path& root, const std::vector<std::string>& link_dir,
                                           std::string_view target) {
    if (target.empty()) return std::string("is a symlink with an empty target");
    if (target.starts_with('/')) return fmt::format("is a symlink to the absolute path '{}'", target);
    std::vector<std::string> at = link_dir;
    std::deque<std::string> pending = split_target(target);
    int hops = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.front());
        pending.pop_front();
        if (part == "..") {
            if (at.empty()) return fmt::format("is a symlink to '{}', which points outside the destination", target);
            at.pop_back();
            continue;
        }
        at.push_back(part);
        fs::path here = join_under(root, at);
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(here, ec))) continue;
        if (++hops > k_max_symlink_hops) return fmt::format("is a symlink to '{}', which loops", target);
        std::string next = fs::read_symlink(here, ec).string();
        if (ec || next.empty() || next.starts_with('/')) {
            return fmt::format("is a symlink to '{}', which leads through '{}' outside the destination", target,
                               util::join(at, "/"));
        }
        at.pop_back();
        auto more = split_target(next);
        pending.insert(pending.begin(), more.begin(), more.end());
    }
    return std::nullopt;
}

std::optional<std::string> symlink_on_path(const fs::path& root, const std::vector<std::string>& parts,
                                           bool include_last) {
    auto path = util::SafePath::check(util::join(parts, "/"), k_entry_rules);
    if (!path) return util::join(parts, "/");  // not parts of an entry name: refused as if a link
    if (auto link = util::symlink_on_path(root, *path, include_last)) return link->str();
    return std::nullopt;
}

std::optional<std::string> find_escaping_symlink(const fs::path& root) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_symlink(ec)) continue;
        fs::path relative = it->path().lexically_relative(root);
        std::vector<std::string> dir;
        for (const auto& part : relative.parent_path()) dir.push_back(part.string());
        std::string target = fs::read_symlink(it->path(), ec).string();
        if (auto reason = symlink_escapes(root, dir, target)) {
            return fmt::format("entry '{}' {}", relative.string(), *reason);
        }
    }
    if (ec) return fmt::format("cannot scan the unpacked tree: {}", ec.message());
    return std::nullopt;
}

}  // namespace wb::archive
