#include "patch/copy_extras.hpp"

#include <optional>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::patch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

/// The destination's path components, or the reason it is refused.
tl::expected<std::vector<std::string>, std::string> destination_parts(const std::string& dest) {
    if (dest.empty()) return tl::unexpected(std::string("is empty"));
    if (dest.starts_with('/')) return tl::unexpected(std::string("is absolute; expected a path inside the source tree"));
    std::vector<std::string> parts;
    for (auto& part : util::split(dest, '/')) {
        if (part.empty() || part == ".") continue;
        if (part == "..") return tl::unexpected(std::string("escapes the source tree"));
        parts.push_back(std::move(part));
    }
    if (parts.empty()) return tl::unexpected(std::string("names the source tree itself"));
    return parts;
}

/// The first existing symlink among the destination's parent directories, if any.
std::optional<std::string> symlink_in_parents(const fs::path& root, const std::vector<std::string>& parts) {
    fs::path path = root;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        path /= parts[i];
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(path, ec))) return path.lexically_relative(root).string();
    }
    return std::nullopt;
}

Expected<void> copy_one(const fs::path& source_dir, const fs::path& from, const std::string& dest) {
    auto parts = destination_parts(dest);
    if (!parts) {
        return fail(ErrorKind::Input, fmt::format("extra file {}: destination '{}' {}", from.string(), dest, parts.error()));
    }
    if (auto link = symlink_in_parents(source_dir, *parts)) {
        return fail(ErrorKind::Input, fmt::format("extra file {}: destination '{}' escapes the source tree through "
                                                  "the symlink '{}'", from.string(), dest, *link));
    }
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) {
        return fail(ErrorKind::Input, fmt::format("extra file {}: not found (expected a regular file)", from.string()));
    }
    auto content = util::read_file(from);
    if (!content) return tl::unexpected(content.error());
    fs::path target = source_dir;
    for (const auto& part : *parts) target /= part;
    if (auto written = util::write_file_atomic(target, *content); !written) return written;
    bool executable = (fs::status(from, ec).permissions() & fs::perms::owner_exec) != fs::perms::none;
    fs::permissions(target, executable ? fs::perms(0755) : fs::perms(0644), ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot set permissions: {}", target.string(), ec.message()));
    return {};
}

}  // namespace

Expected<void> copy_extras(const fs::path& source_dir, const std::vector<std::pair<fs::path, std::string>>& extras) {
    std::error_code ec;
    if (!fs::is_directory(source_dir, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: source directory does not exist", source_dir.string()));
    }
    for (const auto& [from, dest] : extras) {
        if (auto copied = copy_one(source_dir, from, dest); !copied) return copied;
    }
    return {};
}

}  // namespace wb::patch
