#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "util/subprocess.hpp"

namespace wb::util {

Expected<FileLock> FileLock::acquire(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot open lock file: {}", path.string(), std::strerror(errno)));
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            ::close(fd);
            return fail(ErrorKind::Io, fmt::format("{}: cannot lock: {}", path.string(), std::strerror(errno)));
        }
        if (interrupted()) {
            ::close(fd);
            return fail(ErrorKind::Interrupted, fmt::format("{}: interrupted while waiting for the lock", path.string()));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return FileLock(fd);
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
}

}  // namespace wb::util
