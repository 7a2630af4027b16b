#pragma once
// The helper scripts package builds run inside the sandbox (builder/engine/tools/, carried by the
// binary): installed under <store>/tools/build/<hash16>/ and mounted read-only; their hash is part
// of every package's key.
#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace wb::engine {

std::string build_tools_identity();
util::Expected<std::filesystem::path> install_build_tools(const std::filesystem::path& tools_dir);

}  // namespace wb::engine
