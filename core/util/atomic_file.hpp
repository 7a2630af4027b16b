#pragma once
// A file that appears under its final name only when complete: written to a temporary file in the
// same directory, fsynced, then renamed over the target on commit(). Dropped uncommitted, it vanishes.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace wb::util {

class AtomicFile {
public:
    static Expected<AtomicFile> open(const std::filesystem::path& path);
    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    ~AtomicFile();

    Expected<void> write(std::string_view data);
    /// fsync, rename into place, fsync the directory.
    Expected<void> commit();
    const std::filesystem::path& temp_path() const { return m_temp; }

private:
    AtomicFile(std::filesystem::path path, std::filesystem::path temp, int fd);
    std::filesystem::path m_path;
    std::filesystem::path m_temp;
    int m_fd = -1;
};

/// Writes content to path atomically (creating parent directories).
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Renames a finished temporary file into place and fsyncs both it and the directory.
Expected<void> commit_rename(const std::filesystem::path& temp, const std::filesystem::path& path);

/// fsyncs a directory so that a rename inside it is durable.
void sync_directory(const std::filesystem::path& dir);

}  // namespace wb::util
