#include "index/publish/recipe_metadata.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "index/publish/lock_file.hpp"
#include "index/publish/wheel_inspector.hpp"
#include "index/validation/strict_json.hpp"
#include "specs/requirement.hpp"
#include "specs/wheel_name.hpp"
#include "util/file_util.hpp"

namespace wb::index {
using nlohmann::json;
using util::ErrorKind;
using util::fail;

namespace {

Expected<RecipeMetadata> parse_entry(const json& v, const std::string& where) {
    if (!v.is_object()) return fail(ErrorKind::Input, fmt::format("{}: expected an object", where));
    RecipeMetadata m;
    for (const auto& [key, value] : v.items()) {
        bool ok = true;
        if (key == "imports" || key == "depends") {
            ok = value.is_array() && std::all_of(value.begin(), value.end(), [](const json& e) { return e.is_string(); });
            if (ok) (key == "imports" ? m.imports : m.depends) = value.get<std::vector<std::string>>();
        } else if (key == "package_type" || key == "install_dir") {
            ok = value.is_string();
            if (ok) (key == "package_type" ? m.package_type : m.install_dir) = value.get<std::string>();
        } else if (key == "shared_library" || key == "unvendored_tests") {
            ok = value.is_boolean();
            if (ok) (key == "shared_library" ? m.shared_library : m.unvendored_tests) = value.get<bool>();
        }  // other keys (version, source...) are the build's business
        if (!ok) return fail(ErrorKind::Input, fmt::format("{}: \"{}\" has the wrong type", where, key));
    }
    if (m.package_type && !is_known_package_type(*m.package_type)) {
        return fail(ErrorKind::Input, fmt::format("{}: unknown package_type \"{}\"", where, *m.package_type));
    }
    return m;
}

/// Project names of Requires-Dist lines that apply without extras.
std::vector<std::string> required_projects(const PackageRecord& r) {
    std::vector<std::string> names;
    for (const std::string& line : r.requires_dist) {
        auto req = specs::Requirement::parse(line);
        if (!req || req->marker.find("extra") != std::string::npos) continue;
        names.push_back(req->project());
    }
    return names;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

}  // namespace

Expected<RecipeMetadataMap> parse_recipe_metadata(std::string_view text, std::string_view where) {
    auto parsed = parse_strict_json(text, where);
    if (!parsed) return fail(ErrorKind::Input, parsed.error().message);
    const json& doc = *parsed;
    if (!doc.is_object()) return fail(ErrorKind::Input, fmt::format("{}: not a JSON object", where));
    const json& packages = doc.contains("packages") && doc["packages"].is_object() ? doc["packages"] : doc;
    RecipeMetadataMap map;
    for (const auto& [name, value] : packages.items()) {
        auto entry = parse_entry(value, fmt::format("{}: package \"{}\"", where, name));
        if (!entry) return tl::unexpected(entry.error());
        map[specs::normalize_name(name)] = *entry;
    }
    return map;
}

Expected<RecipeMetadataMap> load_recipe_metadata(const std::filesystem::path& file) {
    auto text = util::read_file(file);
    if (!text) return fail(ErrorKind::Input, text.error().message);
    return parse_recipe_metadata(*text, file.string());
}

std::vector<std::string> fill_lock_fields(Catalog& catalog, const RecipeMetadataMap& metadata) {
    std::set<std::string> projects;
    for (const auto& [file, r] : catalog) projects.insert(r.project);
    std::vector<std::string> warnings;
    for (auto& [file, r] : catalog) {
        auto it = metadata.find(r.project);
        const RecipeMetadata* m = it == metadata.end() ? nullptr : &it->second;
        r.imports = m && m->imports ? *m->imports : r.top_level;
        bool library = is_shared_library_package(r.file_name);
        r.package_type = m && m->package_type ? *m->package_type : (library ? "shared_library" : "package");
        r.install_dir = m && m->install_dir ? *m->install_dir : (library ? "dynlib" : "site");
        r.shared_library = m && m->shared_library ? *m->shared_library : library;
        r.unvendored_tests = m && m->unvendored_tests ? *m->unvendored_tests : false;
        std::vector<std::string> wanted = m && m->depends ? *m->depends : required_projects(r);
        r.depends.clear();
        for (const std::string& dep : sorted_unique(std::move(wanted))) {
            std::string project = specs::normalize_name(dep);
            if (projects.contains(project)) {
                r.depends.push_back(project);
            } else {
                warnings.push_back(fmt::format("{}: dependency \"{}\" is not in the repository; left out of the lock file",
                                               r.file_name, dep));
            }
        }
        r.depends = sorted_unique(std::move(r.depends));
    }
    return warnings;
}

}  // namespace wb::index
