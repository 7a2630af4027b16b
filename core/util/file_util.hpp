#pragma once
// Small file-system helpers: whole-file reads, temporary directories, tree copies and removal.
#include <filesystem>
#include <string>
#include <string_view>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace wb::util {

Expected<std::string> read_file(const std::filesystem::path& path);

/// Creates a fresh directory parent/prefixXXXXXX and returns its path.
Expected<std::filesystem::path> make_temp_dir(const std::filesystem::path& parent, const std::string& prefix);

/// Removes a tree, ignoring errors (used for clean-up paths).
void remove_tree_quiet(const std::filesystem::path& path);

/// Copies one file's bytes to a new file at to (which must not exist; mode 0644). Unlike
/// std::filesystem::copy_file, a failure names the file at fault and keeps the system's reason
/// ("No space left on device"); a partial copy is removed.
Expected<void> copy_file_new(const std::filesystem::path& from, const std::filesystem::path& to);

/// Copies a tree preserving symlinks (not following them).
Expected<void> copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

/// Appends one line (and a newline) to a log file, creating it; errors are ignored (logging must
/// never fail a build).
void append_line(const std::filesystem::path& log, std::string_view line);

/// Directory for temporary files: env's TMPDIR, else /tmp.
std::filesystem::path temp_root(const Environment& env);

}  // namespace wb::util
