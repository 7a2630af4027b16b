#pragma once
// Files a binary carries (scripts it runs inside sandboxes and runtimes), and their installation
// into a directory named by their content hash, so a changed script is a new directory and an
// unchanged one is written once.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "util/error.hpp"

namespace wb::util {

using EmbeddedFiles = std::span<const std::pair<std::string_view, std::string_view>>;

/// sha256 over the files' names and contents.
std::string files_identity(EmbeddedFiles files);

/// <parent>/<identity16>/ holding every file (made atomically on first use; read-only for others).
Expected<std::filesystem::path> install_files(const std::filesystem::path& parent, EmbeddedFiles files);

}  // namespace wb::util
