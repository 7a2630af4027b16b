#pragma once
// The files a wheel packs: everything under a staged site-packages tree, as sorted member names,
// with symlinks resolved (a wheel holds no links) and build leftovers skipped.
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

struct StagedFile {
    std::string name;              ///< member name: '/'-separated path relative to the root
    std::filesystem::path source;  ///< the file to read (through any symlinks)
    bool executable = false;       ///< the file has an exec bit
};

/// Lists the regular files under root, sorted by name (byte order). Symlinks are followed: their
/// target's content and mode count; a dangling link or a loop is an Input error. Skipped: every
/// __pycache__ directory and top-level *.dist-info / *.egg-info entries (files or directories).
Expected<std::vector<StagedFile>> collect_staged_files(const std::filesystem::path& root);

}  // namespace wb::wheel
