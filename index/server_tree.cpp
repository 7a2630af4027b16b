#include "index/server_tree.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace wb::index {
namespace {

using util::ErrorKind;
using util::fail;

/// realpath(3) as an optional path; errno tells why it failed.
std::optional<std::filesystem::path> real_path_of(const std::filesystem::path& path) {
    char buffer[PATH_MAX];
    if (::realpath(path.c_str(), buffer) == nullptr) return std::nullopt;
    return std::filesystem::path(buffer);
}

TreeLookup not_found(std::string reason) { return {LookupStatus::NotFound, {}, std::move(reason)}; }
TreeLookup forbidden(std::string reason) { return {LookupStatus::Forbidden, {}, std::move(reason)}; }

}  // namespace

util::Expected<TreeSnapshot> TreeSnapshot::resolve(const std::filesystem::path& root) {
    auto real = real_path_of(root);
    if (!real) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot resolve the repository tree: {}", root.string(),
                                               std::strerror(errno)));
    }
    struct stat info {};
    if (::stat(real->c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        return fail(ErrorKind::Io, fmt::format("{}: expected a directory (the published repository tree)", root.string()));
    }
    return TreeSnapshot(std::move(*real));
}

bool TreeSnapshot::contains(const std::filesystem::path& real_path) const {
    const std::string& root = m_real_root.native();
    const std::string& path = real_path.native();
    if (path == root) return true;
    if (root == "/") return true;
    return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

TreeLookup TreeSnapshot::lookup(std::span<const std::string> segments) const {
    std::filesystem::path joined = m_real_root;
    for (const auto& segment : segments) {
        if (segment.empty() || segment.front() == '.') return not_found(fmt::format("hidden name '{}'", segment));
        joined /= segment;
    }
    auto real = real_path_of(joined);
    if (!real) {
        int error = errno;
        if (error == EACCES || error == ELOOP) return forbidden(fmt::format("{}: {}", joined.string(), std::strerror(error)));
        return not_found(fmt::format("{}: {}", joined.string(), std::strerror(error)));
    }
    if (!contains(*real)) {
        return forbidden(fmt::format("{} resolves to {}, outside the tree {}", joined.string(), real->string(),
                                     m_real_root.string()));
    }
    struct stat info {};
    if (::stat(real->c_str(), &info) != 0) return not_found(fmt::format("{}: {}", real->string(), std::strerror(errno)));
    if (S_ISDIR(info.st_mode)) return {LookupStatus::Directory, std::move(*real), {}};
    if (S_ISREG(info.st_mode)) return {LookupStatus::File, std::move(*real), {}};
    return not_found(fmt::format("{} is neither a file nor a directory", real->string()));
}

util::Expected<TreeFile> TreeSnapshot::open(const std::filesystem::path& real_path) const {
    if (!contains(real_path)) {
        return fail(ErrorKind::Io, fmt::format("{}: outside the tree {}", real_path.string(), m_real_root.string()));
    }
    auto opened = OpenFile::open(real_path);
    if (!opened) return tl::unexpected(opened.error());
    struct stat info {};
    if (::fstat(opened->fd(), &info) != 0) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot stat: {}", real_path.string(), std::strerror(errno)));
    }
    TreeFile file;
    file.stamp = FileStamp{static_cast<uint64_t>(info.st_dev), static_cast<uint64_t>(info.st_ino),
                           static_cast<uint64_t>(info.st_size),
                           static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
    file.mtime = info.st_mtim.tv_sec;
    file.file = std::make_shared<const OpenFile>(std::move(*opened));
    return file;
}

}  // namespace wb::index
