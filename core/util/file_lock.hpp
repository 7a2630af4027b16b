#pragma once
// An exclusive advisory lock on a file (flock), held for the object's lifetime: lets several
// processes share one cache without building the same thing twice at once.
#include <filesystem>

#include "util/error.hpp"

namespace wb::util {

class FileLock {
public:
    /// Blocks until the lock is held (or the run is interrupted).
    static Expected<FileLock> acquire(const std::filesystem::path& path);
    FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    FileLock& operator=(FileLock&&) = delete;
    FileLock(const FileLock&) = delete;
    ~FileLock();

private:
    explicit FileLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

}  // namespace wb::util
