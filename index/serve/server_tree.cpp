#include "index/serve/server_tree.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace wb::index {
namespace {

using util::ErrorKind;
using util::fail;

constexpr int k_open_flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;

/// Set once openat2 turns out to be missing (old kernel, or a seccomp filter that refuses it).
std::atomic<bool> g_no_openat2{false};

std::optional<std::filesystem::path> real_path_of(const std::filesystem::path& path) {
    char buffer[PATH_MAX];
    if (::realpath(path.c_str(), buffer) == nullptr) return std::nullopt;
    return std::filesystem::path(buffer);
}

bool is_within(const std::string& root, const std::string& path) {
    if (path == root || root == "/") return true;
    return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

TreeLookup refuse(LookupStatus status, std::string reason) { return {status, std::nullopt, std::move(reason)}; }

FileStamp stamp_of(const struct stat& info) {
    return FileStamp{static_cast<uint64_t>(info.st_dev), static_cast<uint64_t>(info.st_ino),
                     static_cast<uint64_t>(info.st_size),
                     static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

}  // namespace

void use_realpath_resolution(bool on) { g_no_openat2 = on; }

util::Expected<TreeSnapshot> TreeSnapshot::resolve(const std::filesystem::path& root) {
    int fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot open the repository tree (expected a directory): {}",
                                               root.string(), std::strerror(errno)));
    }
    std::filesystem::path real_root;
    if (g_no_openat2) {
        auto real = real_path_of(root);
        if (!real) {
            ::close(fd);
            return fail(ErrorKind::Io, fmt::format("{}: cannot resolve: {}", root.string(), std::strerror(errno)));
        }
        real_root = std::move(*real);
    }
    return TreeSnapshot(fd, root, std::move(real_root));
}

TreeSnapshot::TreeSnapshot(TreeSnapshot&& other) noexcept
    : m_root_fd(other.m_root_fd), m_root(std::move(other.m_root)), m_real_root(std::move(other.m_real_root)) {
    other.m_root_fd = -1;
}

TreeSnapshot::~TreeSnapshot() {
    if (m_root_fd >= 0) ::close(m_root_fd);
}

int TreeSnapshot::open_beneath(const std::string& relative) const {
    if (!g_no_openat2) {
        open_how how{};
        how.flags = k_open_flags;
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        long fd = ::syscall(SYS_openat2, m_root_fd, relative.c_str(), &how, sizeof how);
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return static_cast<int>(fd);
        g_no_openat2 = true;
    }
    // Without openat2: resolve every symlink, then insist that the result is inside the root.
    std::filesystem::path real_root = m_real_root;
    if (real_root.empty()) {
        auto resolved = real_path_of(m_root);
        if (!resolved) return -1;
        real_root = std::move(*resolved);
    }
    auto real = real_path_of(real_root / relative);
    if (!real) return -1;
    if (!is_within(real_root.native(), real->native())) {
        errno = EXDEV;
        return -1;
    }
    return ::open(real->c_str(), k_open_flags | O_NOFOLLOW);
}

TreeLookup TreeSnapshot::lookup(std::span<const std::string> segments) const {
    std::string relative = ".";  // "./simple/numpy": the root itself when there are no segments
    for (const auto& segment : segments) {
        if (segment.empty() || segment.front() == '.') {
            return refuse(LookupStatus::NotFound, fmt::format("hidden name '{}'", segment));
        }
        relative += '/';
        relative += segment;
    }
    int fd = open_beneath(relative);
    if (fd < 0) {
        int error = errno;
        std::string reason = fmt::format("{}/{}: {}", m_root.string(), relative, std::strerror(error));
        if (error == EXDEV || error == ELOOP || error == EACCES || error == EPERM) {
            return refuse(LookupStatus::Forbidden, std::move(reason));
        }
        return refuse(LookupStatus::NotFound, std::move(reason));
    }
    OpenFile file = OpenFile::adopt(fd, m_root / relative);
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return refuse(LookupStatus::NotFound, fmt::format("{}/{}: cannot stat", m_root.string(), relative));
    }
    if (S_ISDIR(info.st_mode)) return {LookupStatus::Directory, std::nullopt, {}};
    if (!S_ISREG(info.st_mode)) {
        return refuse(LookupStatus::NotFound, fmt::format("{}/{} is neither a file nor a directory", m_root.string(), relative));
    }
    TreeFile tree_file{std::make_shared<const OpenFile>(std::move(file)), stamp_of(info), info.st_mtim.tv_sec};
    return {LookupStatus::File, std::move(tree_file), {}};
}

}  // namespace wb::index
