#pragma once
// Where Debian's archive is, as this machine's apt configuration says (never written into the
// project): the first non-security "deb" entry of /etc/apt/sources.list.d/*.sources (deb822) or
// /etc/apt/sources.list (one-line form), with its keyring.
#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"

namespace wb::toolchain {

struct ArchiveSource {
    std::string uri;      ///< e.g. the archive's http URI
    std::string keyring;  ///< Signed-By file, empty when none is given
};

/// Parses deb822 text (stanzas separated by blank lines); the first usable stanza.
std::optional<ArchiveSource> archive_from_deb822(const std::string& text);
/// Parses one-line sources.list text; the first usable `deb` line.
std::optional<ArchiveSource> archive_from_one_line(const std::string& text);
/// Reads etc_apt/sources.list.d/*.sources, then etc_apt/sources.list.
util::Expected<ArchiveSource> machine_archive(const std::filesystem::path& etc_apt = "/etc/apt");

}  // namespace wb::toolchain
