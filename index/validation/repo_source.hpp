#pragma once
// Where a client reads a published repository from: a directory (resolved once, so one reading
// sees one generation) or an http(s) URL (through fetch::Downloader, with size caps and stall
// detection). Paths are relative to the tree root and checked never to escape it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fetch/downloader.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

class RepoSource {
public:
    virtual ~RepoSource() = default;
    /// The file's bytes, or nullopt when it does not exist; fails on other errors and when the
    /// file is larger than max_bytes.
    virtual Expected<std::optional<std::string>> read(const std::string& path, uint64_t max_bytes) = 0;
    /// Writes the file to dest (replacing it); fails when missing or larger than max_bytes.
    virtual Expected<void> fetch(const std::string& path, const std::filesystem::path& dest, uint64_t max_bytes) = 0;
    /// Every regular file of the tree, when the source can list them (directories only).
    virtual std::optional<std::vector<std::string>> list() const = 0;
    /// The file's path on this machine, when the source is a directory (read in place).
    virtual std::optional<std::filesystem::path> local_path(const std::string&) const { return std::nullopt; }
    /// The file's full name for messages (URL or path).
    virtual std::string describe(const std::string& path) const = 0;
};

/// Limits for HTTP reads, and where they are kept.
struct SourceOptions {
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds total_timeout{300};  ///< per file
    uint64_t low_speed_limit = 1024;          ///< bytes/s below which a transfer is a stall...
    std::chrono::seconds low_speed_time{10};  ///< ...after this long
    int retries = 1;
    std::filesystem::path temp_root = "/tmp";  ///< where a download waits to be read (the CLI gives TMPDIR)
};

/// A directory path or an http(s):// URL; downloader is used for URLs and must outlive the source.
Expected<std::unique_ptr<RepoSource>> open_source(const std::string& location, fetch::Downloader& downloader,
                                                  const SourceOptions& options = {});

/// True for relative paths of plain components (no "..", ".", empty parts, backslashes or NUL).
bool is_safe_relative_path(const std::string& path);

}  // namespace wb::index
