#pragma once
// Applying a recipe's patches to an unpacked source tree with GNU patch, in order. Each patch is
// first tried with --dry-run, so a patch that does not apply leaves the tree as it was (patches
// before it stay applied); the error says which hunk of which file failed, as patch reports it.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::patch {

/// Applies patches (-p1) to source_dir in order, appending each patch run's output to log_file.
/// A patch that does not apply is a Build error naming the patch file, hunk and file
/// ("patches/x/0003-y.patch: hunk #2 of numpy/core/setup.py FAILED at 812").
util::Expected<void> apply_patches(const std::filesystem::path& source_dir,
                                   const std::vector<std::filesystem::path>& patches,
                                   const std::filesystem::path& log_file, util::ProcessRunner& runner);

/// The command line used for one patch (dry_run adds --dry-run).
std::vector<std::string> patch_command(const std::filesystem::path& patch_file, bool dry_run);

/// Summarises why GNU patch failed from its output: failed hunks with file and line, an already
/// applied patch, a missing file, a malformed patch; else its last lines.
std::string describe_patch_failure(std::string_view output);

}  // namespace wb::patch
