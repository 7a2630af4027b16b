#pragma once
// Atomic replacement of a served tree. DIR is a symlink to DIR.generations/gNNNNNN; a new
// generation is built in DIR.generations/staging (invisible to readers), flushed to disk, renamed
// to its final name, and DIR is switched to it with one rename(2) of a new symlink. Readers see the
// old tree or the new one, never a mix; a process killed at any point leaves DIR as it was.
// File data is flushed before the renames; directory entries rely on the journal committing
// metadata operations in order (ext4, xfs), so a rename that survives a crash implies its tree did.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::index {

using util::Expected;

class GenerationTree {
public:
    /// Takes an exclusive lock (flock on DIR.generations/.lock) until destroyed: one writer at a time.
    static Expected<GenerationTree> open(const std::filesystem::path& dir);
    GenerationTree(GenerationTree&&) noexcept;
    GenerationTree& operator=(GenerationTree&&) = delete;
    ~GenerationTree();

    /// The generation DIR points to now, or nullopt when DIR does not exist yet.
    std::optional<std::filesystem::path> current() const;
    /// The staging directory; fresh=true empties it first (publish), false keeps what an
    /// interrupted run left there (mirror resumes from it).
    Expected<std::filesystem::path> staging(bool fresh);
    /// Flushes the files written into staging (new_files; hard links to older generations are
    /// durable already) to disk, renames staging to the next generation and points DIR at it.
    Expected<std::filesystem::path> activate_staging(const std::vector<std::filesystem::path>& new_files);
    /// Removes all but the newest keep generations (the current one always stays).
    void prune(size_t keep);

    const std::filesystem::path& dir() const { return m_dir; }
    const std::filesystem::path& root() const { return m_root; }

private:
    GenerationTree(std::filesystem::path dir, std::filesystem::path root, int lock_fd);
    std::filesystem::path m_dir;   ///< the served path (a symlink)
    std::filesystem::path m_root;  ///< DIR.generations
    int m_lock_fd = -1;
};

/// Makes dest a hard link to source, or a copy when linking is impossible (other file system).
Expected<void> link_or_copy(const std::filesystem::path& source, const std::filesystem::path& dest);

}  // namespace wb::index
