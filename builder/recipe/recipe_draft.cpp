#include <cctype>
#include "recipe/recipe_draft.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "specs/requirement.hpp"
#include "specs/specifier.hpp"
#include "specs/wheel_name.hpp"
#include "util/strings.hpp"

namespace wb::recipe {
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

/// The version an sdist's file name gives for `project` ("Foo_Bar-1.2.tar.gz" -> "1.2"), if any.
std::optional<std::string> sdist_version(const std::string& filename, const std::string& project) {
    std::string stem;
    for (std::string_view ext : {".tar.gz", ".zip", ".tar.bz2", ".tar.xz"}) {
        if (filename.ends_with(ext)) stem = filename.substr(0, filename.size() - ext.size());
    }
    for (size_t dash = stem.find('-'); dash != std::string::npos; dash = stem.find('-', dash + 1)) {
        if (specs::normalize_name(stem.substr(0, dash)) != project) continue;
        std::string version = stem.substr(dash + 1);
        if (specs::Version::parse(version)) return version;
    }
    return std::nullopt;
}

bool is_pure(const specs::WheelName& w) {
    if (w.abi_tag != "none" || w.platform_tag != "any") return false;
    for (const auto& py : util::split(w.python_tag, '.')) {
        if (py == "py3" || py.starts_with("py3")) return true;
    }
    return false;
}

struct Candidate {
    std::optional<size_t> wheel;
    std::optional<size_t> sdist;
    bool platform_wheels = false;
};

}  // namespace

Expected<ReleaseChoice> choose_release(const std::vector<fetch::IndexFile>& files, const std::string& project,
                                       const std::optional<std::string>& version, const specs::Version& python,
                                       bool prefer_sdist) {
    std::map<specs::Version, std::pair<std::string, Candidate>> releases;
    std::optional<specs::Version> wanted;
    if (version) {
        auto v = specs::Version::parse(*version);
        if (!v) return fail(ErrorKind::Usage, fmt::format("{}=={}: {}", project, *version, v.error().message));
        wanted = *v;
    }
    size_t excluded = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        std::string file_version;
        bool pure = false, sdist = false;
        if (f.filename.ends_with(".whl")) {
            auto w = specs::WheelName::parse(f.filename);
            if (!w || w->project() != project) continue;
            file_version = w->version;
            pure = is_pure(*w);
        } else if (auto v = sdist_version(f.filename, project)) {
            file_version = *v;
            sdist = true;
        } else {
            continue;
        }
        auto v = specs::Version::parse(file_version);
        if (!v) continue;
        if (wanted && *v != *wanted) continue;
        bool usable = !f.yanked;
        if (usable && !f.requires_python.empty()) {
            auto allowed = specs::allows(f.requires_python, python);
            usable = allowed && *allowed;
        }
        if (!usable) {
            ++excluded;
            continue;
        }
        auto& [name, c] = releases[*v];
        name = file_version;
        if (pure && !c.wheel) c.wheel = i;
        else if (sdist && !c.sdist) c.sdist = i;
        else if (!pure && !sdist) c.platform_wheels = true;
    }
    for (auto it = releases.rbegin(); it != releases.rend(); ++it) {
        const auto& [v, entry] = *it;
        const auto& [name, c] = entry;
        if (!wanted && v.is_prerelease()) continue;
        if (!c.wheel && !c.sdist) {
            if (wanted) {
                return fail(ErrorKind::Input, fmt::format("{} {}: the index has only platform wheels of it (no sdist, "
                                                          "no pure-Python wheel) to build from",
                                                          project, name));
            }
            continue;
        }
        bool take_wheel = c.wheel && !(prefer_sdist && c.sdist);
        ReleaseChoice choice{name, files[take_wheel ? *c.wheel : *c.sdist], take_wheel};
        choice.platform_wheels_too = c.platform_wheels;
        return choice;
    }
    if (wanted) {
        return fail(ErrorKind::Input, fmt::format("{}=={}: the index lists no usable file of this version{}", project,
                                                  *version,
                                                  excluded ? fmt::format(" ({} yanked or not for Python {})", excluded,
                                                                         python.str())
                                                           : ""));
    }
    return fail(ErrorKind::Input, fmt::format("{}: the index lists no final release with an sdist or a pure-Python "
                                              "wheel for Python {}",
                                              project, python.str()));
}

Expected<std::vector<std::string>> run_requirements(const std::vector<std::string>& requires_dist,
                                                    const std::vector<specs::MarkerEnvironment>& envs) {
    std::vector<std::string> out;
    for (const auto& line : requires_dist) {
        auto req = specs::Requirement::parse(line);
        if (!req) return fail(ErrorKind::Input, fmt::format("Requires-Dist '{}': {}", line, req.error().message));
        bool applies = req->marker.empty();
        for (size_t i = 0; i < envs.size() && !applies; ++i) {
            auto value = specs::evaluate_marker(req->marker, envs[i]);
            if (!value) {
                return fail(ErrorKind::Input, fmt::format("Requires-Dist '{}': {}", line, value.error().message));
            }
            applies = *value;
        }
        if (applies) out.push_back(req->project());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {
/// A name Python can import (ASCII only: what sdists use).
bool is_identifier(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}
}  // namespace

SdistLayout sdist_layout(const std::vector<std::string>& paths) {
    static const std::set<std::string, std::less<>> k_not_imports{"tests", "test", "testing", "docs", "doc",
                                                                  "examples", "benchmarks", "setup", "conftest",
                                                                  "noxfile", "tasks", "build", "tools", "scripts"};
    static const std::set<std::string, std::less<>> k_native{".c", ".cc", ".cpp", ".cxx", ".pyx", ".f", ".f90", ".rs"};
    // The import root: the sdist's top, else the one directory that holds the code (src/, lib/,
    // python/: a directory that is not itself a package, with packages or modules in it).
    static const std::set<std::string, std::less<>> k_code_dirs{"src", "lib", "python", "py"};
    std::set<std::string> top_packages, code_dirs;
    for (const auto& path : paths) {
        auto parts = util::split(path, '/');
        if (parts.size() == 2 && parts[1] == "__init__.py") top_packages.insert(parts[0]);
    }
    for (const auto& path : paths) {
        auto parts = util::split(path, '/');
        if (parts.size() == 3 && parts[2] == "__init__.py" && !top_packages.count(parts[0]) &&
            !k_not_imports.count(parts[0]) && k_code_dirs.count(parts[0])) {
            code_dirs.insert(parts[0]);
        }
        if (parts.size() == 2 && parts[1].ends_with(".py") && k_code_dirs.count(parts[0]) &&
            !top_packages.count(parts[0])) {
            code_dirs.insert(parts[0]);
        }
    }
    bool at_top = std::any_of(top_packages.begin(), top_packages.end(),
                              [](const std::string& p) { return !k_not_imports.count(p); });
    std::string root = !at_top && code_dirs.size() == 1 ? *code_dirs.begin() : "";
    std::set<std::string> packages, modules, native;
    for (const auto& path : paths) {
        auto parts = util::split(path, '/');
        if (!root.empty() && !parts.empty() && parts[0] == root) parts.erase(parts.begin());
        else if (!root.empty()) parts.insert(parts.begin(), "");  // outside the import root
        if (parts.size() == 2 && parts[1] == "__init__.py" && !k_not_imports.count(parts[0]) &&
            is_identifier(parts[0])) {
            packages.insert(parts[0]);
        }
        if (parts.size() == 1 && parts[0].ends_with(".py")) {
            std::string module = parts[0].substr(0, parts[0].size() - 3);
            if (!k_not_imports.count(module) && !module.starts_with("test_") && !module.starts_with("_") &&
                is_identifier(module)) {
                modules.insert(module);
            }
        }
        bool in_tests = std::any_of(parts.begin(), parts.end(), [](const std::string& p) {
            return p == "tests" || p == "test" || p == "docs" || p == "examples" || p == "benchmarks";
        });
        auto dot = path.rfind('.');
        if (!in_tests && dot != std::string::npos && path.find('/', dot) == std::string::npos) {
            std::string ext = util::to_lower(path.substr(dot));
            if (k_native.count(ext)) native.insert(ext);
        }
    }
    const auto& names = packages.empty() ? modules : packages;
    return SdistLayout{{names.begin(), names.end()}, {native.begin(), native.end()}};
}

std::string draft_meta_yaml(const Draft& d) {
    YAML::Emitter y;
    y << YAML::BeginMap;
    y << YAML::Key << "package" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << d.name;
    y << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << d.version;
    if (!d.top_level.empty()) y << YAML::Key << "top-level" << YAML::Value << d.top_level;
    y << YAML::EndMap;
    y << YAML::Key << "source" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "pypi" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "file" << YAML::Value << d.choice.file.filename << YAML::EndMap;
    y << YAML::Key << "sha256" << YAML::Value << d.sha256;
    y << YAML::EndMap;
    if (!d.requirements.empty()) {
        y << YAML::Key << "requirements" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "run" << YAML::Value << d.requirements;
        y << YAML::EndMap;
    }
    if (!d.top_level.empty()) {
        y << YAML::Key << "test" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "imports" << YAML::Value << d.top_level;
        y << YAML::EndMap;
    }
    if (!d.summary.empty() || !d.license.empty()) {
        y << YAML::Key << "about" << YAML::Value << YAML::BeginMap;
        if (!d.summary.empty()) y << YAML::Key << "summary" << YAML::Value << d.summary;
        if (!d.license.empty()) y << YAML::Key << "license" << YAML::Value << d.license;
        y << YAML::EndMap;
    }
    y << YAML::EndMap;
    // The emitter puts comments at column 0; this one belongs above source.pypi.
    std::string comment = d.choice.pure_wheel ? "The pure-Python wheel upstream publishes, taken as it is."
                          : d.native_sources.empty()
                              ? "The sdist, built into a pure-Python wheel."
                              : fmt::format("The sdist, with extension sources ({}): built for each platform.",
                                            util::join(d.native_sources, ", "));
    return util::replace_all(y.c_str(), "\nsource:\n  pypi:", "\nsource:\n  # " + comment + "\n  pypi:") + "\n";
}

}  // namespace wb::recipe
