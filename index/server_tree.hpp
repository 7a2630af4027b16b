#pragma once
// The served repository tree as one request sees it. Publishing may swap DIR (a symlink) to a new
// generation between two requests, so every request resolves DIR afresh and then uses that one
// generation throughout; nothing it opens may lie outside it, whatever symlinks say.
#include <ctime>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "index/http_etag.hpp"
#include "index/http_response.hpp"
#include "util/error.hpp"

namespace wb::index {

enum class LookupStatus {
    File,
    Directory,
    NotFound,   ///< missing, hidden (a name starting with '.'), or not a file or directory
    Forbidden,  ///< resolves outside the tree (symlink) or unreadable
};

struct TreeLookup {
    LookupStatus status = LookupStatus::NotFound;
    std::filesystem::path path;  ///< the resolved real path when File or Directory
    std::string reason;          ///< why NotFound/Forbidden, for the error page and logs
};

/// An opened regular file with what validators need.
struct TreeFile {
    std::shared_ptr<const OpenFile> file;
    FileStamp stamp;
    std::time_t mtime = 0;
};

class TreeSnapshot {
public:
    /// Resolves root (following symlinks) now. Fails (Io) when it is missing or not a directory.
    static util::Expected<TreeSnapshot> resolve(const std::filesystem::path& root);

    const std::filesystem::path& real_root() const { return m_real_root; }

    /// Finds the entry named by checked path segments (see RequestPath) under the root.
    TreeLookup lookup(std::span<const std::string> segments) const;

    /// Opens a file that lookup() found and reads its stamp from the open descriptor.
    util::Expected<TreeFile> open(const std::filesystem::path& real_path) const;

private:
    explicit TreeSnapshot(std::filesystem::path real_root) : m_real_root(std::move(real_root)) {}
    bool contains(const std::filesystem::path& real_path) const;

    std::filesystem::path m_real_root;
};

}  // namespace wb::index
