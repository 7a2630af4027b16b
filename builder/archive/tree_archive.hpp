#pragma once
// A whole directory tree as one archive (tar, zstd-compressed) that unpacks to the same bytes,
// modes, owners and times elsewhere: how a toolchain root travels between machines. Entries are
// written in sorted order with fixed metadata, so the same tree gives the same archive.
#include <filesystem>

#include "util/error.hpp"

namespace wb::archive {

struct PackOptions {
    /// Leave out device nodes, FIFOs and sockets instead of refusing them (a toolchain root's /dev,
    /// made by debootstrap: every sandbox mounts its own /dev over it).
    bool skip_special_files = false;
};

/// Writes dir's contents (regular files, directories, symlinks; other kinds are refused unless
/// options say to skip them) to file atomically.
util::Expected<void> pack_tree(const std::filesystem::path& dir, const std::filesystem::path& file,
                               const PackOptions& options = {});

/// Unpacks an archive written by pack_tree into dest (which must not exist yet): no entry may
/// leave dest, be written through a symlink, or be a device; owners are kept.
util::Expected<void> unpack_tree(const std::filesystem::path& file, const std::filesystem::path& dest);

}  // namespace wb::archive
