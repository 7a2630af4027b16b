#pragma once
// String helpers the standard library lacks.
#include <string>
#include <string_view>
#include <vector>

namespace wb::util {

std::vector<std::string> split(std::string_view text, char sep);
/// Splits on runs of whitespace, dropping empty pieces.
std::vector<std::string> split_whitespace(std::string_view text);
std::string_view trim(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string replace_all(std::string text, std::string_view from, std::string_view to);
std::string to_lower(std::string_view text);
/// Quotes a word for a POSIX shell command line (for logs and dry-run output).
std::string shell_quote(std::string_view word);
/// A name from outside (an archive entry, a zip member) made safe to print: control bytes and DEL
/// become \xNN, so nothing reaches a terminal as an escape sequence; other bytes stay as they are.
std::string printable(std::string_view name);

}  // namespace wb::util
