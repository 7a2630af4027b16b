#pragma once
// The last lines of a log file, for failure messages.
#include <filesystem>
#include <string>

namespace wb::engine {

std::string last_lines(const std::filesystem::path& file, size_t count);

}  // namespace wb::engine
