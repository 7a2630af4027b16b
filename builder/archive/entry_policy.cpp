#include "archive/entry_policy.hpp"

#include <deque>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::archive {
namespace fs = std::filesystem;

namespace {

/// Symlinks followed while resolving one target before it counts as a loop (as the kernel's 40).
constexpr int k_max_symlink_hops = 40;

fs::path join_under(const fs::path& root, const std::vector<std::string>& parts, size_t count) {
    fs::path path = root;
    for (size_t i = 0; i < count; ++i) path /= parts[i];
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
    if (name.starts_with('/')) return tl::unexpected(std::string("has an absolute path"));
    std::vector<std::string> parts;
    for (auto& part : util::split(name, '/')) {
        if (part.empty() || part == ".") continue;
        if (part == "..") return tl::unexpected(std::string("escapes the destination"));
        parts.push_back(std::move(part));
    }
    return parts;
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
        fs::path here = join_under(root, at, at.size());
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
    size_t limit = include_last ? parts.size() : (parts.empty() ? 0 : parts.size() - 1);
    for (size_t i = 1; i <= limit; ++i) {
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(join_under(root, parts, i), ec))) {
            return util::join(std::vector<std::string>(parts.begin(), parts.begin() + static_cast<long>(i)), "/");
        }
    }
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
