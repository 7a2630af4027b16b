#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

namespace wb::util {
namespace fs = std::filesystem;

namespace {
std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format("{:016x}", rng());
}
}  // namespace

void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

AtomicFile::AtomicFile(fs::path path, fs::path temp, int fd)
    : m_path(std::move(path)), m_temp(std::move(temp)), m_fd(fd) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_temp(std::move(other.m_temp)), m_fd(other.m_fd) {
    other.m_fd = -1;
    other.m_temp.clear();
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_temp.empty()) {
        std::error_code ec;
        fs::remove(m_temp, ec);
    }
}

Expected<AtomicFile> AtomicFile::open(const fs::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    fs::path temp = path;
    temp += ".tmp-" + random_suffix();
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", temp.string(), std::strerror(errno)));
    }
    return AtomicFile(path, temp, fd);
}

Expected<void> AtomicFile::write(std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(m_fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(ErrorKind::Io, fmt::format("{}: write failed: {}", m_temp.string(), std::strerror(errno)));
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return {};
}

Expected<void> AtomicFile::commit() {
    if (::fsync(m_fd) != 0) {
        return fail(ErrorKind::Io, fmt::format("{}: fsync failed: {}", m_temp.string(), std::strerror(errno)));
    }
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        return fail(ErrorKind::Io, fmt::format("{}: rename to {} failed: {}", m_temp.string(), m_path.string(),
                                               std::strerror(errno)));
    }
    m_temp.clear();
    sync_directory(m_path.parent_path());
    return {};
}

Expected<void> write_file_atomic(const fs::path& path, std::string_view content) {
    auto file = AtomicFile::open(path);
    if (!file) return tl::unexpected(file.error());
    if (auto w = file->write(content); !w) return w;
    return file->commit();
}

Expected<void> commit_rename(const fs::path& temp, const fs::path& path) {
    int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
        return fail(ErrorKind::Io, fmt::format("{}: rename to {} failed: {}", temp.string(), path.string(), ec.message()));
    }
    sync_directory(path.parent_path());
    return {};
}

}  // namespace wb::util
