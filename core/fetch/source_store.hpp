#pragma once
// The content-addressed source store shared by all builds: <root>/sha256/<hex> holds a file whose
// SHA-256 is <hex>, and a file only ever appears there after its hash was checked. Partial
// downloads live in <root>/tmp/ until they are adopted or deleted.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace wb::fetch {

class SourceStore {
public:
    /// Told of stored objects found damaged (each then moved aside and treated as absent).
    using Reporter = std::function<void(const std::string&)>;

    explicit SourceStore(std::filesystem::path root, Reporter report = {});
    void set_reporter(Reporter report) { m_report = std::move(report); }

    const std::filesystem::path& root() const { return m_root; }
    /// Directory for partial downloads; on the same file system as the store.
    std::filesystem::path tmp_dir() const { return m_root / "tmp"; }
    /// Where a file with this hash lives (whether or not it is there yet).
    std::filesystem::path path_for(std::string_view sha256) const;

    /// The stored file with this hash, if present and its bytes still hash to it. A file whose bytes
    /// do not is moved to corrupt_dir(), reported, and is a miss: it is fetched again.
    std::optional<std::filesystem::path> lookup(std::string_view sha256) const;
    /// Where damaged objects are kept for inspection.
    std::filesystem::path corrupt_dir() const { return m_root / "corrupt"; }

    /// Reserves a fresh, empty file under tmp_dir() for a download; name_hint ends its name.
    util::Expected<std::filesystem::path> new_temp_file(std::string_view name_hint) const;

    /// Hashes temp_file and, when it matches expected_sha256, moves it into the store (fsynced) and
    /// returns its final path. On a mismatch the file is deleted and an Integrity error names
    /// origin (URL or package), the expected and the actual hash. The temp file is consumed either way.
    util::Expected<std::filesystem::path> adopt(const std::filesystem::path& temp_file,
                                                std::string_view expected_sha256, std::string_view origin);

private:
    std::filesystem::path m_root;
    Reporter m_report;
};

/// Lower-cases a sha256 and checks it is 64 hex digits; the error names origin.
util::Expected<std::string> normalize_sha256(std::string_view sha256, std::string_view origin);

}  // namespace wb::fetch
