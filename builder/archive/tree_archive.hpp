#pragma once
// A whole directory tree as one archive (tar, zstd-compressed) that unpacks to the same bytes,
// modes, owners and times elsewhere: how a toolchain root travels between machines. Entries are
// written in sorted order with fixed metadata, so the same tree gives the same archive.
#include <filesystem>
#include <functional>

#include "util/error.hpp"

namespace wb::archive {

/// Says, for a path relative to the packed directory, whether to leave it (and what it holds) out.
using PackFilter = std::function<bool(const std::filesystem::path& relative)>;

/// Writes dir's contents (regular files, directories, symlinks; other kinds are refused) to file
/// atomically, without what `skip` names.
util::Expected<void> pack_tree(const std::filesystem::path& dir, const std::filesystem::path& file,
                               const PackFilter& skip = {});

/// Unpacks an archive written by pack_tree into dest (which must not exist yet): no entry may
/// leave dest, be written through a symlink, or be a device; owners are kept.
util::Expected<void> unpack_tree(const std::filesystem::path& file, const std::filesystem::path& dest);

}  // namespace wb::archive
