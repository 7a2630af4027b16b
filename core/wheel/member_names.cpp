#include "wheel/member_names.hpp"

#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "util/safe_path.hpp"
#include "util/strings.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr std::array<std::string_view, 22> k_reserved = {
    "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// Why one path component is not portable, or empty. Already checked: it is not "..", holds no NUL,
/// control character or backslash (util::SafePath).
std::string component_problem(std::string_view part) {
    if (part.empty()) return "an empty component";
    if (part == ".") return "a '.' component";
    for (char c : part) {
        if (std::string_view("<>:\"|?*").find(c) != std::string_view::npos) {
            return fmt::format("the character '{}', which Windows does not allow in names", c);
        }
    }
    if (part.back() == '.' || part.back() == ' ') {
        return fmt::format("the component '{}' ending in a dot or space, which Windows drops", part);
    }
    std::string base = ascii_lower(part.substr(0, part.find('.')));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    for (std::string_view reserved : k_reserved) {
        if (base == reserved) return fmt::format("the component '{}', a reserved device name on Windows", part);
    }
    return "";
}

std::string strip_slash(std::string_view name) {
    std::string out(name);
    if (out.ends_with('/')) out.pop_back();
    return out;
}

tl::unexpected<util::Error> refuse(const fs::path& wheel, std::string_view member, std::string_view why) {
    return fail(ErrorKind::Input, fmt::format("{}: member '{}' {}", wheel.string(), util::printable(member), why));
}

}  // namespace

std::string member_name_problem(std::string_view name) {
    if (name.empty() || name == "/") return "has an empty name";
    // Safe first (absolute, '..', NUL, control characters, backslashes), then portable and plain:
    // the '.' and empty components SafePath would drop (a name of only those too) are refused below.
    if (auto safe = util::SafePath::check(strip_slash(name), {.root_allowed = true, .backslash_allowed = false});
        !safe) {
        return safe.error().reason;
    }
    if (name.size() >= 2 && name[1] == ':') return "has a drive letter";
    for (const std::string& part : util::split(strip_slash(name), '/')) {
        if (std::string why = component_problem(part); !why.empty()) return "has " + why;
    }
    return "";
}

Expected<void> check_member_names(const fs::path& wheel, const std::vector<std::string>& names) {
    std::set<std::string> seen;
    std::set<std::string> files;
    std::map<std::string, std::string> spelled;  // lower-cased path (or directory prefix) -> its spelling
    for (const std::string& name : names) {
        if (std::string why = member_name_problem(name); !why.empty()) {
            return refuse(wheel, name, why + ": expected a relative path of portable names inside the wheel");
        }
        std::string plain = strip_slash(name);
        if (!seen.insert(plain).second) return refuse(wheel, plain, "appears twice: expected each member once");
        if (!name.ends_with('/')) files.insert(plain);
        for (size_t end = plain.find('/'); ; end = plain.find('/', end + 1)) {
            std::string path = plain.substr(0, end);
            auto [it, fresh] = spelled.emplace(ascii_lower(path), path);
            if (!fresh && it->second != path) {
                return refuse(wheel, plain, fmt::format("has '{}' where another member has '{}': names that differ "
                                                        "only in case are one file on a case-insensitive disk",
                                                        path, it->second));
            }
            if (end == std::string::npos) break;
        }
    }
    for (const std::string& plain : seen) {
        for (size_t slash = plain.find('/'); slash != std::string::npos; slash = plain.find('/', slash + 1)) {
            if (files.contains(plain.substr(0, slash))) {
                return refuse(wheel, plain, fmt::format("needs '{}' to be a directory, but it is a file",
                                                        plain.substr(0, slash)));
            }
        }
    }
    return {};
}

}  // namespace wb::wheel
