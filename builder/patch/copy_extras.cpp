#include "patch/copy_extras.hpp"

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/safe_path.hpp"

namespace wb::patch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

/// The destination as a path under the source tree, or the reason it is refused.
tl::expected<util::SafePath, std::string> destination_path(const std::string& dest) {
    auto path = util::SafePath::check(dest);
    if (path) return std::move(*path);
    switch (path.error().problem) {
        case util::PathProblem::Root: return tl::unexpected(std::string("names the source tree itself"));
        case util::PathProblem::Absolute:
            return tl::unexpected(std::string("is absolute; expected a path inside the source tree"));
        case util::PathProblem::DotDot: return tl::unexpected(std::string("escapes the source tree"));
        default: return tl::unexpected(std::move(path.error().reason));
    }
}

Expected<void> copy_one(const fs::path& source_dir, const fs::path& from, const std::string& dest) {
    auto path = destination_path(dest);
    if (!path) {
        return fail(ErrorKind::Input,
                    fmt::format("extra file {}: destination '{}' {}", from.string(), dest, path.error()));
    }
    // The destination itself may be a link: the atomic write replaces it.
    if (auto link = util::symlink_on_path(source_dir, *path, false)) {
        return fail(ErrorKind::Input, fmt::format("extra file {}: destination '{}' escapes the source tree through "
                                                  "the symlink '{}'", from.string(), dest, link->str()));
    }
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) {
        return fail(ErrorKind::Input, fmt::format("extra file {}: not found (expected a regular file)", from.string()));
    }
    auto content = util::read_file(from);
    if (!content) return tl::unexpected(content.error());
    fs::path target = path->under(source_dir);
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
