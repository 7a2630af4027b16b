#include "index/publish/wheel_inspector.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "specs/version.hpp"
#include "specs/wheel_name.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool is_identifier(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string header(const std::multimap<std::string, std::string>& headers, const std::string& key) {
    auto it = headers.find(key);
    return it == headers.end() ? std::string() : it->second;
}

/// The single top-level "*.dist-info/" directory of the wheel.
Expected<std::string> find_dist_info(const std::vector<wheel::WheelEntry>& entries, const fs::path& wheel) {
    std::set<std::string> dirs;
    for (const auto& e : entries) {
        auto slash = e.name.find('/');
        if (slash == std::string::npos) continue;
        std::string top = e.name.substr(0, slash);
        if (top.ends_with(".dist-info")) dirs.insert(top);
    }
    if (dirs.size() != 1) {
        return fail(ErrorKind::Input, fmt::format("{}: expected exactly one .dist-info directory, found {}",
                                                  wheel.string(), dirs.size()));
    }
    return *dirs.begin();
}

}  // namespace

std::multimap<std::string, std::string> parse_metadata_headers(std::string_view text) {
    std::multimap<std::string, std::string> headers;
    std::string key;
    std::string value;
    auto flush = [&] {
        if (!key.empty()) headers.emplace(key, std::string(util::trim(value)));
        key.clear();
        value.clear();
    };
    for (const std::string& raw : util::split(text, '\n')) {
        std::string_view line = raw;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;  // the body (description) follows
        if ((line[0] == ' ' || line[0] == '\t') && !key.empty()) {
            value += "\n" + std::string(util::trim(line));
            continue;
        }
        flush();
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        key = std::string(util::trim(line.substr(0, colon)));
        value = std::string(line.substr(colon + 1));
    }
    flush();
    return headers;
}

std::vector<std::string> top_level_names(const std::vector<std::string>& member_paths) {
    std::set<std::string> names;
    for (const std::string& path : member_paths) {
        auto slash = path.find('/');
        std::string top = path.substr(0, slash);
        if (top.ends_with(".dist-info") || top.ends_with(".data") || top == "__pycache__") continue;
        if (slash != std::string::npos) {
            if (is_identifier(top)) names.insert(top);
        } else if (top.ends_with(".py")) {
            std::string module = top.substr(0, top.size() - 3);
            if (is_identifier(module)) names.insert(module);
        } else if (top.ends_with(".so")) {
            std::string module = top.substr(0, top.find('.'));
            if (is_identifier(module)) names.insert(module);
        }
    }
    return {names.begin(), names.end()};
}

Expected<InspectedWheel> inspect_wheel(const fs::path& wheel, const std::string& sha256, uint64_t size) {
    std::string file_name = wheel.filename().string();
    auto name = specs::WheelName::parse(file_name);
    if (!name) return fail(ErrorKind::Input, fmt::format("{}: {}", wheel.string(), name.error().message));
    // Opening checks the zip layout and every member name (wheel/zip_input.hpp); errors name the
    // wheel and the member.
    auto entries = wheel::list_entries(wheel);
    if (!entries) return fail(ErrorKind::Input, entries.error().message);
    if (auto ok = wheel::verify_record(wheel); !ok) return fail(ErrorKind::Input, ok.error().message);
    auto dist_info = find_dist_info(*entries, wheel);
    if (!dist_info) return tl::unexpected(dist_info.error());
    auto metadata = wheel::read_member(wheel, *dist_info + "/METADATA");
    if (!metadata) return fail(ErrorKind::Input, fmt::format("{}: {}", wheel.string(), metadata.error().message));
    auto headers = parse_metadata_headers(*metadata);

    InspectedWheel out;
    PackageRecord& r = out.record;
    r.file_name = file_name;
    r.name = header(headers, "Name");
    r.version = header(headers, "Version");
    r.project = specs::normalize_name(r.name);
    if (r.name.empty() || r.project != name->project()) {
        return fail(ErrorKind::Input, fmt::format("{}: METADATA names project \"{}\" but the file name says \"{}\"",
                                                  wheel.string(), r.name, name->distribution));
    }
    auto file_version = specs::Version::parse(name->version);
    auto meta_version = specs::Version::parse(r.version);
    if (!meta_version || !file_version || *meta_version != *file_version) {
        return fail(ErrorKind::Input, fmt::format("{}: METADATA has version \"{}\" but the file name says \"{}\"",
                                                  wheel.string(), r.version, name->version));
    }
    r.python_tag = name->python_tag;
    r.abi_tag = name->abi_tag;
    r.platform_tag = name->platform_tag;
    r.size = size;
    r.sha256 = sha256;
    r.metadata_size = metadata->size();
    r.metadata_sha256 = util::sha256_hex(*metadata);
    r.requires_python = header(headers, "Requires-Python");
    r.summary = header(headers, "Summary");
    for (auto [it, end] = headers.equal_range("Requires-Dist"); it != end; ++it) r.requires_dist.push_back(it->second);
    auto top_level = wheel::read_member(wheel, *dist_info + "/top_level.txt");
    if (top_level) {
        for (const auto& line : util::split_whitespace(*top_level)) r.top_level.push_back(line);
        std::sort(r.top_level.begin(), r.top_level.end());
    } else {
        std::vector<std::string> paths;
        for (const auto& e : *entries) paths.push_back(e.name);
        r.top_level = top_level_names(paths);
    }
    out.metadata = std::move(*metadata);
    return out;
}

bool is_shared_library_package(std::string_view file_name) { return file_name.ends_with(".zip"); }

Expected<InspectedWheel> inspect_shared_library(const fs::path& zip, const std::string& sha256, uint64_t size) {
    std::string file_name = zip.filename().string();
    std::string stem = file_name.substr(0, file_name.size() - 4);
    size_t dash = stem.rfind('-');
    bool named = dash != std::string::npos && dash > 0 && specs::Version::parse(stem.substr(dash + 1)).has_value();
    if (!named) {
        return fail(ErrorKind::Input, fmt::format("{}: a shared-library package is named NAME-VERSION.zip "
                                                  "(a PEP 440 version after the last '-')", zip.string()));
    }
    auto entries = wheel::list_entries(zip);
    if (!entries) return fail(ErrorKind::Input, entries.error().message);
    for (const auto& e : *entries) {
        if (e.name.find('/') != std::string::npos || e.name.find(".so") == std::string::npos) {
            return fail(ErrorKind::Input, fmt::format("{}: member {}: a shared-library package holds only "
                                                      "shared libraries (lib*.so) at its top level",
                                                      zip.string(), e.name));
        }
    }
    InspectedWheel out;
    PackageRecord& r = out.record;
    r.file_name = file_name;
    r.name = stem.substr(0, dash);
    r.version = stem.substr(dash + 1);
    r.project = specs::normalize_name(r.name);
    r.size = size;
    r.sha256 = sha256;
    r.package_type = "shared_library";
    r.install_dir = "dynlib";
    r.shared_library = true;
    return out;
}

}  // namespace wb::index
