#include "wheel/metadata.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "specs/requirement.hpp"
#include "specs/version.hpp"
#include "util/strings.hpp"

namespace wb::wheel {
using util::ErrorKind;
using util::fail;

namespace {

// Fields this module writes itself; extra_metadata may not repeat them.
constexpr std::array<std::string_view, 8> k_own_fields{"metadata-version", "name",    "version",         "summary",
                                                       "home-page",        "license", "requires-python", "requires-dist"};

tl::unexpected<util::Error> bad_field(const WheelSpec& spec, std::string_view field, const std::string& expected) {
    return fail(ErrorKind::Input, fmt::format("wheel metadata for '{}': {}: expected {}", spec.name, field, expected));
}

Expected<std::string> checked_version(const WheelSpec& spec) {
    if (!specs::is_valid_project_name(spec.name)) {
        return bad_field(spec, "Name", "a project name of letters, digits, '-', '_' and '.'");
    }
    auto version = specs::Version::parse(spec.version);
    if (!version) return bad_field(spec, "Version", version.error().message);
    return version->str();
}

// One "Key: value" header; lines after the first are indented, as email headers fold them.
std::string header(std::string_view key, std::string_view value) {
    std::string folded = util::replace_all(std::string(value), "\r\n", "\n");
    folded = util::replace_all(std::move(folded), "\n", "\n        ");
    return fmt::format("{}: {}\n", key, folded);
}

bool is_field_name(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

Expected<std::string> extra_fields(const WheelSpec& spec) {
    std::string out;
    for (const auto& [key, value] : spec.extra_metadata) {
        if (!is_field_name(key)) return bad_field(spec, key, "a field name of letters, digits and '-'");
        std::string lower = util::to_lower(key);
        if (std::find(k_own_fields.begin(), k_own_fields.end(), lower) != k_own_fields.end()) {
            return bad_field(spec, key, "a field that WheelSpec does not already set");
        }
        out += header(key, value);
    }
    return out;
}

}  // namespace

Expected<std::string> make_metadata(const WheelSpec& spec) {
    auto version = checked_version(spec);
    if (!version) return tl::unexpected(version.error());
    if (spec.summary.find_first_of("\r\n") != std::string::npos) return bad_field(spec, "Summary", "a single line");
    if (spec.home_page.find_first_of("\r\n ") != std::string::npos) return bad_field(spec, "Home-page", "one URL");
    std::string out = "Metadata-Version: 2.1\n";
    out += header("Name", spec.name);
    out += header("Version", *version);
    if (!spec.summary.empty()) out += header("Summary", spec.summary);
    if (!spec.home_page.empty()) out += header("Home-page", spec.home_page);
    if (!spec.license.empty()) out += header("License", spec.license);
    if (!spec.requires_python.empty()) {
        auto specifier = specs::normalize_specifier(spec.requires_python);
        if (!specifier) return bad_field(spec, "Requires-Python", specifier.error().message);
        out += header("Requires-Python", *specifier);
    }
    for (const auto& text : spec.requires_dist) {
        auto requirement = specs::Requirement::parse(text);
        if (!requirement) return bad_field(spec, "Requires-Dist", requirement.error().message);
        out += header("Requires-Dist", requirement->str());
    }
    auto extra = extra_fields(spec);
    if (!extra) return tl::unexpected(extra.error());
    return out + *extra;
}

Expected<std::string> make_wheel_info(const WheelSpec& spec) {
    if (auto tag = specs::WheelTag::parse(spec.tag.str()); !tag) return bad_field(spec, "Tag", tag.error().message);
    if (spec.generator.empty() || spec.generator.find_first_of("\r\n") != std::string::npos) {
        return bad_field(spec, "Generator", "a non-empty single line");
    }
    std::string out = "Wheel-Version: 1.0\n";
    out += header("Generator", spec.generator);
    out += header("Root-Is-Purelib", spec.root_is_purelib ? "true" : "false");
    for (const auto& tag : spec.tag.expand()) out += header("Tag", tag.str());
    return out;
}

Expected<std::string> dist_info_dir(const WheelSpec& spec) {
    auto version = checked_version(spec);
    if (!version) return tl::unexpected(version.error());
    return fmt::format("{}-{}.dist-info", specs::wheel_escape(spec.name), *version);
}

Expected<std::string> wheel_filename(const WheelSpec& spec) {
    auto version = checked_version(spec);
    if (!version) return tl::unexpected(version.error());
    if (auto tag = specs::WheelTag::parse(spec.tag.str()); !tag) return bad_field(spec, "Tag", tag.error().message);
    return specs::WheelName::make(spec.name, *version, spec.tag).filename();
}

}  // namespace wb::wheel
