#pragma once
// Upstream tarballs from Debian's source archive: runs `apt-get source --download-only` in a fresh
// temporary directory and adopts the wanted file into the SourceStore by its sha256. The archive's
// address comes from the machine's own apt configuration (deb-src entries), never from us.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/source_store.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::fetch {

struct DebianSource {
    std::string package;  ///< source package name, e.g. "python3.11"
    std::string version;  ///< exact Debian version, e.g. "3.11.2-6+deb12u8"
    std::string file;     ///< file to keep; empty picks the single *.orig.tar.* file
};

class DebianSourceFetcher {
public:
    explicit DebianSourceFetcher(util::ProcessRunner& runner, std::chrono::seconds timeout = std::chrono::minutes(30));

    /// Downloads the source package and adopts the chosen file; origin names the recipe in errors.
    util::Expected<std::filesystem::path> fetch(const DebianSource& source, std::string_view sha256,
                                                std::string_view origin, SourceStore& store);

private:
    util::ProcessRunner& m_runner;
    std::chrono::seconds m_timeout;
};

/// Checks package, version and file name syntax (so none can pass for an option or a path).
util::Expected<void> validate_debian_source(const DebianSource& source, std::string_view origin);

/// Picks the file to keep among a download's file names: `wanted` exactly when given, else the
/// single `<name>.orig.tar.<compression>` (signatures and component tarballs are not candidates).
util::Expected<std::string> pick_debian_file(const std::vector<std::string>& names, const std::string& wanted,
                                             std::string_view what);

}  // namespace wb::fetch
