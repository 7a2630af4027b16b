#pragma once
// The served repository tree as one request sees it. Publishing may swap DIR (a symlink) to a new
// generation between two requests, so every request opens DIR afresh and then resolves all its
// paths beneath that one open directory: nothing it opens may lie outside, whatever symlinks say.
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "index/serve/http_etag.hpp"
#include "index/serve/http_response.hpp"
#include "util/error.hpp"

namespace wb::index {

enum class LookupStatus {
    File,
    Directory,
    NotFound,   ///< missing, hidden (a name starting with '.'), or not a file or directory
    Forbidden,  ///< resolves outside the tree (symlink) or unreadable
};

/// An opened regular file with what validators need.
struct TreeFile {
    std::shared_ptr<const OpenFile> file;
    FileStamp stamp;
    std::time_t mtime = 0;
};

struct TreeLookup {
    LookupStatus status = LookupStatus::NotFound;
    std::optional<TreeFile> file;  ///< set when File: the file, already open
    std::string reason;            ///< why NotFound/Forbidden, for logs and tests
};

/// Resolves paths with realpath and a prefix check, as on kernels without openat2 (for tests; the
/// server switches by itself when openat2 is refused).
void use_realpath_resolution(bool on);

class TreeSnapshot {
public:
    /// Opens root (following a DIR symlink once) now. Fails (Io) when it is missing or not a directory.
    static util::Expected<TreeSnapshot> resolve(const std::filesystem::path& root);
    TreeSnapshot(TreeSnapshot&& other) noexcept;
    TreeSnapshot& operator=(TreeSnapshot&&) = delete;
    TreeSnapshot(const TreeSnapshot&) = delete;
    ~TreeSnapshot();

    /// Finds and opens the entry named by checked path segments (see RequestPath) under the root.
    /// Symlinks are followed only while they stay beneath the root (openat2 RESOLVE_BENEATH; on
    /// kernels without it, realpath and a prefix check).
    TreeLookup lookup(std::span<const std::string> segments) const;

private:
    TreeSnapshot(int root_fd, std::filesystem::path root, std::filesystem::path real_root)
        : m_root_fd(root_fd), m_root(std::move(root)), m_real_root(std::move(real_root)) {}
    /// Opens relative beneath the root; -1 with errno set on failure (EXDEV: it escapes).
    int open_beneath(const std::string& relative) const;

    int m_root_fd = -1;
    std::filesystem::path m_root;       ///< as given, for messages
    std::filesystem::path m_real_root;  ///< resolved, used only without openat2
};

}  // namespace wb::index
