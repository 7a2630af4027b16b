#pragma once
// The rules an archive entry must pass before it is written: pure path checks, mode masking, and
// symlink resolution confined to the destination tree. Used by unpack(); public for its tests.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace wb::archive {

/// The path components of an entry name ("./a//b/" -> {a, b}; "./" -> {}, the destination itself),
/// as util::SafePath reads it; refused (with the reason, e.g. "escapes the destination") when
/// absolute or when a component is "..". Other bytes than NUL are allowed, as upstream archives have them.
tl::expected<std::vector<std::string>, std::string> entry_components(std::string_view name);

/// Permission bits to give an entry: 0755 for directories and executables, 0644 otherwise.
/// Never setuid, setgid or sticky.
unsigned masked_mode(bool is_directory, unsigned archive_mode);

/// Where a symlink's target leads, resolved inside root: follows symlinks already on disk under
/// root. nullopt when it stays inside; else the reason ("points outside the destination").
std::optional<std::string> symlink_escapes(const std::filesystem::path& root, const std::vector<std::string>& link_dir,
                                           std::string_view target);

/// The first existing prefix of parts (joined under root) that is a symlink, if any
/// (util::symlink_on_path). With include_last, the full path is checked too. parts are an entry's
/// (entry_components()); others (a ".." among them) are answered as if they were a link.
std::optional<std::string> symlink_on_path(const std::filesystem::path& root, const std::vector<std::string>& parts,
                                           bool include_last);

/// Checks every symlink under root once all entries are written (a later entry can change what
/// an earlier link resolves to). Returns "entry 'x' ..." reason for the first escaping link.
std::optional<std::string> find_escaping_symlink(const std::filesystem::path& root);

}  // namespace wb::archive
