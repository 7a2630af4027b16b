#pragma once
// Which member names a wheel may hold: relative paths of plain components that mean the same file
// on every system a wheel is installed on. Refused: absolute names, drive letters, '..', '.' and empty
// components, backslashes, control characters, Windows-reserved device names (CON, NUL, AUX, COM1...)
// and characters, components ending in a dot or space, and, across the wheel, a name twice, two
// names that differ only in case (one file on a case-insensitive disk), and a file that another
// member needs as a directory.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

/// Why name may not be a member's name ("has a '..' component"), or empty when it may. A trailing
/// '/' (a directory member) is allowed.
std::string member_name_problem(std::string_view name);

/// Checks every name and the set as a whole; the error names the wheel and the member.
Expected<void> check_member_names(const std::filesystem::path& wheel, const std::vector<std::string>& names);

}  // namespace wb::wheel
