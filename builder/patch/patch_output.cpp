// Reading GNU patch's report (LC_ALL=C, --quoting-style=literal) to say what failed.
#include <optional>

#include <fmt/format.h>

#include "patch/apply_patches.hpp"
#include "util/strings.hpp"

namespace wb::patch {
namespace {

constexpr size_t k_tail_lines = 6;

/// The file named by a "checking file X" / "patching file X" line, if it is one.
std::optional<std::string> file_line(std::string_view line) {
    for (std::string_view prefix : {"checking file ", "patching file "}) {
        if (line.starts_with(prefix)) return std::string(line.substr(prefix.size()));
    }
    return std::nullopt;
}

/// "Hunk #2 FAILED at 812." -> "hunk #2 of FILE FAILED at 812"; keeps any "(different line endings)".
std::optional<std::string> failed_hunk(std::string_view line, const std::string& file) {
    if (!line.starts_with("Hunk #")) return std::nullopt;
    size_t failed = line.find(" FAILED at ");
    if (failed == std::string_view::npos) return std::nullopt;
    std::string_view number = line.substr(6, failed - 6);
    std::string_view where = line.substr(failed + 11);
    if (where.ends_with('.')) where.remove_suffix(1);
    return fmt::format("hunk #{} of {} FAILED at {}", number, file.empty() ? "?" : file, where);
}

/// The file a "can't find file to patch" complaint is about, from the quoted patch header: the
/// "+++" name (else "---"), with the first component stripped as -p1 does.
std::string missing_file_name(const std::vector<std::string>& lines, size_t from) {
    std::string found;
    for (size_t i = from; i < lines.size() && i < from + 30; ++i) {
        std::string_view line = lines[i];
        if (line.starts_with("No file to patch")) break;
        bool is_new = line.starts_with("|+++ ");
        if (!is_new && !line.starts_with("|--- ")) continue;
        auto words = util::split_whitespace(line.substr(5));
        if (words.empty() || words[0] == "/dev/null") continue;
        if (is_new || found.empty()) found = words[0];
    }
    size_t slash = found.find('/');
    if (slash != std::string::npos) found = found.substr(slash + 1);
    return found.empty() ? std::string("?") : found;
}

std::string tail(const std::vector<std::string>& lines) {
    std::vector<std::string> kept;
    for (const auto& line : lines) {
        if (!util::trim(line).empty()) kept.push_back(std::string(util::trim(line)));
    }
    if (kept.size() > k_tail_lines) kept.erase(kept.begin(), kept.end() - static_cast<long>(k_tail_lines));
    return kept.empty() ? std::string("patch failed without output") : util::join(kept, " / ");
}

}  // namespace

std::string describe_patch_failure(std::string_view output) {
    std::vector<std::string> lines = util::split(output, '\n');
    std::vector<std::string> problems;
    std::string file;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = util::trim(lines[i]);
        if (auto named = file_line(line)) {
            file = *named;
        } else if (auto hunk = failed_hunk(line, file)) {
            problems.push_back(*hunk);
        } else if (line.starts_with("Reversed (or previously applied) patch detected")) {
            problems.push_back(fmt::format("{} is already patched (reversed or previously applied patch detected)",
                                           file.empty() ? "a file" : file));
        } else if (line.starts_with("can't find file to patch at input line ")) {
            problems.push_back(fmt::format("cannot find the file to patch '{}' (patch input line {})",
                                           missing_file_name(lines, i + 1), line.substr(39)));
        } else if (line.starts_with("patch: **** ")) {
            problems.push_back(std::string(line.substr(12)));
        } else if (line.starts_with("Ignoring potentially dangerous file name ")) {
            problems.push_back(std::string(line));
        }
    }
    return problems.empty() ? tail(lines) : util::join(problems, "; ");
}

}  // namespace wb::patch
