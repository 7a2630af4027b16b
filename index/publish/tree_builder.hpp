#pragma once
// Fills a staging generation file by file while recording each file's length and sha256 (the
// targets). A file identical to one of the previous generation is hard-linked from it instead of
// written, so republishing touches only what changed; what is linked is hashed again first.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "index/validation/roles.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

class TreeBuilder {
public:
    /// previous is the generation being replaced and previous_targets what its targets.json lists.
    TreeBuilder(std::filesystem::path staging, std::optional<std::filesystem::path> previous,
                std::map<std::string, TargetFile> previous_targets);

    /// Adds a file with this content; listed in targets unless target is false.
    Expected<void> put_text(const std::string& path, std::string_view content, bool target = true);
    /// Adds a copy of source whose length and hash the caller knows.
    Expected<void> put_copy(const std::string& path, const std::filesystem::path& source, const TargetFile& info);
    /// Adds a file written by the caller at staging()/path (such as a database).
    Expected<void> put_written(const std::string& path);
    /// Hard-links path from the previous generation when that generation lists it with info and
    /// the file still has that length and sha256. Returns false (and does nothing) when it cannot.
    bool reuse(const std::string& path, const TargetFile& info);
    /// Hard-links a file of the previous generation that is not a target (metadata/N.root.json).
    Expected<void> reuse_untracked(const std::string& path);

    const std::map<std::string, TargetFile>& targets() const { return m_targets; }
    const std::filesystem::path& staging() const { return m_staging; }
    size_t written() const { return m_written_paths.size(); }
    /// Every file written (not linked) into staging, to be flushed before activation.
    const std::vector<std::filesystem::path>& written_paths() const { return m_written_paths; }
    size_t linked() const { return m_linked; }

private:
    Expected<std::filesystem::path> prepare(const std::string& path);
    std::filesystem::path m_staging;
    std::optional<std::filesystem::path> m_previous;
    std::map<std::string, TargetFile> m_previous_targets;
    std::map<std::string, TargetFile> m_targets;
    std::set<std::filesystem::path> m_made_dirs;
    std::vector<std::filesystem::path> m_written_paths;
    size_t m_linked = 0;
};

/// Writes content to a new file at path without fsync (the generation is flushed as a whole).
Expected<void> write_new_file(const std::filesystem::path& path, std::string_view content);

}  // namespace wb::index
