#include "specs/wheel_name.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "specs/version.hpp"
#include "util/strings.hpp"

namespace wb::specs {
namespace {

using util::ErrorKind;
using util::fail;

bool is_name_separator(char c) { return c == '-' || c == '_' || c == '.'; }
bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_tag_char(char c) { return is_ascii_alnum(c) || c == '_' || c == '.'; }

// Replaces every run of '-', '_', '.' by one `with`.
std::string collapse_separators(std::string_view text, char with) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_name_separator(text[i])) {
            out += text[i];
            continue;
        }
        out += with;
        while (i + 1 < text.size() && is_name_separator(text[i + 1])) ++i;
    }
    return out;
}

std::string escape_version(std::string_view version) {
    std::string out(version);
    std::replace(out.begin(), out.end(), '-', '_');
    return out;
}

bool is_valid_tag_part(std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), is_tag_char) && part.front() != '.' &&
           part.back() != '.';
}

Expected<void> check_tag_parts(std::string_view context, std::string_view what, const std::vector<std::string_view>& parts) {
    static constexpr const char* k_names[] = {"python", "ABI", "platform"};
    for (size_t i = 0; i < parts.size(); ++i) {
        if (!is_valid_tag_part(parts[i])) {
            return fail(ErrorKind::Input, fmt::format("'{}' is not a valid {}: expected a {} tag of letters, digits, "
                                                      "'_' and '.', found '{}'",
                                                      context, what, k_names[i], parts[i]));
        }
    }
    return {};
}

}  // namespace

std::string normalize_name(std::string_view name) { return util::to_lower(collapse_separators(name, '-')); }

std::string wheel_escape(std::string_view component) { return collapse_separators(component, '_'); }

bool is_valid_project_name(std::string_view name) {
    if (name.empty() || !is_ascii_alnum(name.front()) || !is_ascii_alnum(name.back())) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return is_ascii_alnum(c) || is_name_separator(c); });
}

Expected<WheelTag> WheelTag::parse(std::string_view text) {
    auto parts = util::split(text, '-');
    if (parts.size() != 3) {
        return fail(ErrorKind::Input, fmt::format("'{}' is not a valid wheel tag: expected python-abi-platform "
                                                  "such as py3-none-any",
                                                  text));
    }
    if (auto ok = check_tag_parts(text, "wheel tag", {parts[0], parts[1], parts[2]}); !ok) {
        return tl::unexpected(ok.error());
    }
    return WheelTag{parts[0], parts[1], parts[2]};
}

std::string WheelTag::str() const { return fmt::format("{}-{}-{}", python, abi, platform); }

std::vector<WheelTag> WheelTag::expand() const {
    std::vector<WheelTag> out;
    for (const auto& p : util::split(python, '.')) {
        for (const auto& a : util::split(abi, '.')) {
            for (const auto& f : util::split(platform, '.')) out.push_back(WheelTag{p, a, f});
        }
    }
    return out;
}

WheelTag WheelTag::emscripten_extension() { return WheelTag{"cp311", "cp311", "emscripten_3_1_6_wasm32"}; }

WheelTag WheelTag::pure_python() { return WheelTag{"py3", "none", "any"}; }

Expected<WheelName> WheelName::parse(std::string_view filename) {
    auto invalid = [&](const std::string& expected) {
        return fail(ErrorKind::Input,
                    fmt::format("'{}' is not a valid wheel file name (PEP 427): expected {}", filename, expected));
    };
    if (filename.find('/') != std::string_view::npos) return invalid("a file name, not a path");
    if (!filename.ends_with(".whl")) return invalid("a name ending in .whl");
    auto parts = util::split(filename.substr(0, filename.size() - 4), '-');
    if (parts.size() != 5 && parts.size() != 6) {
        return invalid(fmt::format("name-version[-build]-python-abi-platform.whl (5 or 6 parts separated by '-'), "
                                   "found {} parts",
                                   parts.size()));
    }
    WheelName name;
    name.distribution = parts[0];
    name.version = parts[1];
    if (!is_valid_project_name(name.distribution)) {
        return invalid(fmt::format("a project name of letters, digits, '_' and '.', found '{}'", name.distribution));
    }
    if (auto v = Version::parse(name.version); !v) {
        return invalid(fmt::format("a PEP 440 version, found '{}'", name.version));
    }
    if (parts.size() == 6) {
        name.build_tag = parts[2];
        bool ok = is_valid_tag_part(name.build_tag) && name.build_tag[0] >= '0' && name.build_tag[0] <= '9';
        if (!ok) return invalid(fmt::format("a build tag starting with a digit, found '{}'", name.build_tag));
    }
    size_t t = parts.size() - 3;
    if (auto ok = check_tag_parts(filename, "wheel file name (PEP 427)", {parts[t], parts[t + 1], parts[t + 2]}); !ok) {
        return tl::unexpected(ok.error());
    }
    name.python_tag = parts[t];
    name.abi_tag = parts[t + 1];
    name.platform_tag = parts[t + 2];
    return name;
}

WheelName WheelName::make(std::string_view project, std::string_view version, const WheelTag& tag) {
    auto parsed = Version::parse(version);
    std::string ver = parsed ? parsed->str() : std::string(version);
    return WheelName{wheel_escape(project), escape_version(ver), "", tag.python, tag.abi, tag.platform};
}

std::string WheelName::filename() const {
    std::string build = build_tag.empty() ? std::string() : "-" + build_tag;
    return fmt::format("{}-{}{}-{}-{}-{}.whl", wheel_escape(distribution), escape_version(version), build, python_tag,
                       abi_tag, platform_tag);
}

}  // namespace wb::specs
