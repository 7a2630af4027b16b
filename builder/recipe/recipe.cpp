#include "recipe/recipe.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "specs/version.hpp"
#include "specs/yaml_reader.hpp"
#include "util/hash.hpp"
#include "util/safe_path.hpp"
#include "util/try.hpp"

namespace wb::recipe {
using util::ErrorKind;
using util::Expected;
using specs::YamlMap;
using specs::yaml_location;

const char* build_type_name(BuildType type) {
    switch (type) {
        case BuildType::Package: return "package";
        case BuildType::StaticLibrary: return "static_library";
        case BuildType::SharedLibrary: return "shared_library";
        case BuildType::CrossEnv: return "cross_env";
    }
    return "?";
}

namespace {

Expected<void> parse_package(const YamlMap& root, Recipe& r) {
    YamlMap pkg(YAML::Node(), "package", r.file);
    WB_TRY_ASSIGN(pkg, root.map("package"));
    if (!root.has("package")) return tl::unexpected(root.error_at({}, "missing required section 'package'"));
    if (auto c = pkg.check_keys({"name", "version", "top-level", "tag", "_tag", "pinned"},
                                 {{"_disabled", "a recipe is disabled by moving its folder out of recipes/"}});
        !c) {
        return c;
    }
    WB_TRY_ASSIGN(r.name, pkg.string("name", true));
    WB_TRY_ASSIGN(r.version, pkg.string("version", true));
    WB_TRY_ASSIGN(r.top_level, pkg.string_list("top-level"));
    for (const char* key : {"tag", "_tag"}) {
        std::vector<std::string> tags;
        WB_TRY_ASSIGN(tags, pkg.string_list(key));
        r.tags.insert(r.tags.end(), tags.begin(), tags.end());
    }
    WB_TRY_ASSIGN(r.pinned, pkg.boolean("pinned", false));
    std::string folder = r.file.parent_path().filename().string();
    if (r.name != folder) {
        return tl::unexpected(pkg.error_at("name", fmt::format("package name '{}' does not match its folder "
                                                               "'{}' (expected name: {})", r.name, folder, folder)));
    }
    if (auto v = specs::Version::parse(r.version); !v) {
        return tl::unexpected(pkg.error_at("version", v.error().message));
    }
    return {};
}

Expected<void> parse_extras(const YamlMap& src, Recipe& r) {
    YAML::Node extras = src.at("extras");
    if (!extras.IsDefined() || extras.IsNull()) return {};
    if (!extras.IsSequence()) return tl::unexpected(src.error_at("extras", "expected a list of [file, destination] pairs"));
    for (const auto& item : extras) {
        if (!item.IsSequence() || item.size() != 2 || !item[0].IsScalar() || !item[1].IsScalar()) {
            return util::fail(ErrorKind::Input, fmt::format("{}: 'source.extras': expected a [file, destination] pair",
                                                            yaml_location(r.file, item)));
        }
        r.source.extras.emplace_back(item[0].Scalar(), item[1].Scalar());
    }
    return {};
}

Expected<void> parse_source(const YamlMap& root, Recipe& r) {
    YamlMap src(YAML::Node(), "source", r.file);
    WB_TRY_ASSIGN(src, root.map("source"));
    if (auto c = src.check_keys({"url", "mirrors", "sha256", "patches", "extras", "path", "debian", "pypi", "unpack",
                                  "extract_dir"},
                                 {{"md5", "sources are pinned by 'sha256'"}});
        !c) {
        return c;
    }
    WB_TRY_ASSIGN(r.source.extract_dir, src.string("extract_dir"));
    if (!r.source.extract_dir.empty()) {
        if (auto safe = util::SafePath::parse(r.source.extract_dir); !safe) {
            return tl::unexpected(src.error_at("extract_dir", safe.error().message +
                                                                  ": expected a directory inside the archive"));
        }
    }
    std::string url;
    WB_TRY_ASSIGN(url, src.string("url"));
    if (!url.empty()) r.source.urls.push_back(url);
    std::vector<std::string> mirrors;
    WB_TRY_ASSIGN(mirrors, src.string_list("mirrors"));
    r.source.urls.insert(r.source.urls.end(), mirrors.begin(), mirrors.end());
    WB_TRY_ASSIGN(r.source.sha256, src.string("sha256"));
    WB_TRY_ASSIGN(r.source.patches, src.string_list("patches"));
    WB_TRY_ASSIGN(r.source.path, src.string("path"));
    if (auto e = parse_extras(src, r); !e) return e;
    YamlMap deb(YAML::Node(), "source.debian", r.file);
    WB_TRY_ASSIGN(deb, src.map("debian"));
    if (auto c = deb.check_keys({"package", "version", "file"}); !c) return c;
    if (src.has("debian")) {
        WB_TRY_ASSIGN(r.source.debian_package, deb.string("package", true));
        WB_TRY_ASSIGN(r.source.debian_version, deb.string("version", true));
        WB_TRY_ASSIGN(r.source.debian_file, deb.string("file"));
    }
    YamlMap pypi(YAML::Node(), "source.pypi", r.file);
    WB_TRY_ASSIGN(pypi, src.map("pypi"));
    if (auto c = pypi.check_keys({"project", "file"}); !c) return c;
    if (src.has("pypi")) {
        WB_TRY_ASSIGN(r.source.pypi_project, pypi.string("project"));
        if (r.source.pypi_project.empty()) r.source.pypi_project = r.name;
        WB_TRY_ASSIGN(r.source.pypi_file, pypi.string("file", true));
        if (r.source.pypi_file.find('/') != std::string::npos) {
            return tl::unexpected(pypi.error_at("file", "expected a file name, not a path"));
        }
    }
    YamlMap unpack(YAML::Node(), "source.unpack", r.file);
    WB_TRY_ASSIGN(unpack, src.map("unpack"));
    if (auto c = unpack.check_keys({"max-entries", "max-mib", "max-ratio"}); !c) return c;
    for (auto [key, field] : {std::pair{"max-entries", &r.source.unpack_max_entries},
                              std::pair{"max-mib", &r.source.unpack_max_mib},
                              std::pair{"max-ratio", &r.source.unpack_max_ratio}}) {
        WB_TRY_ASSIGN(*field, unpack.integer(key, 0));
        if (*field < 0 || (unpack.has(key) && *field == 0)) {
            return tl::unexpected(unpack.error_at(key, "expected a positive whole number"));
        }
    }
    int kinds = (!r.source.urls.empty()) + (!r.source.debian_package.empty()) + (!r.source.path.empty()) +
                (!r.source.pypi_file.empty());
    if (!mirrors.empty() && url.empty()) return tl::unexpected(src.error_at("mirrors", "mirrors need a 'url'"));
    if (kinds > 1) return tl::unexpected(src.error_at({}, "expected exactly one of 'url', 'pypi', 'debian' or 'path'"));
    if (kinds == 0 && r.type != BuildType::Package && r.type != BuildType::CrossEnv) {
        return tl::unexpected(root.error_at("source", "expected a source: one of 'url', 'pypi', 'debian' or 'path'"));
    }
    bool needs_hash = !r.source.urls.empty() || !r.source.debian_package.empty() || !r.source.pypi_file.empty();
    if (needs_hash && r.source.sha256.empty()) {
        return tl::unexpected(src.error_at({}, "missing 'sha256': a downloaded source must be pinned by its hash"));
    }
    if (!r.source.sha256.empty() && !util::is_sha256_hex(r.source.sha256)) {
        return tl::unexpected(src.error_at("sha256", "expected 64 lowercase hexadecimal digits"));
    }
    return {};
}

Expected<BuildType> parse_build_type(const YamlMap& build) {
    std::string type;
    WB_TRY_ASSIGN(type, build.string("type"));
    if (type.empty() || type == "package") return BuildType::Package;
    if (type == "static_library") return BuildType::StaticLibrary;
    if (type == "shared_library") return BuildType::SharedLibrary;
    if (type == "cross_env") return BuildType::CrossEnv;
    return tl::unexpected(build.error_at("type", fmt::format("unknown build type '{}' (expected one of: package, "
                                                             "static_library, shared_library, cross_env)", type)));
}

Expected<void> parse_build(const YamlMap& root, Recipe& r) {
    YamlMap build(YAML::Node(), "build", r.file);
    WB_TRY_ASSIGN(build, root.map("build"));
    if (auto c = build.check_keys(
            {"type", "script", "cflags", "cxxflags", "ldflags", "exports", "backend-flags", "env", "unvendor-tests",
             "post", "cross-build-env", "cross-build-files"},
            {{"cross-script", "the cross-build environment is built from recipes/pyodide-xbuildenv, not by scripts "
                              "in package recipes"},
             {"vendor-sharedlib", "shared libraries are not copied into wheels; build the library as a "
                                  "static_library and link it into the extension, or as a shared_library "
                                  "package the loader installs once"},
             {"library", "use 'type: static_library' or 'type: shared_library'"}});
        !c) {
        return c;
    }
    WB_TRY_ASSIGN(r.post, build.string("post"));
    WB_TRY_ASSIGN(r.type, parse_build_type(build));
    WB_TRY_ASSIGN(r.script, build.string("script"));
    WB_TRY_ASSIGN(r.cflags, build.string("cflags"));
    WB_TRY_ASSIGN(r.cxxflags, build.string("cxxflags"));
    WB_TRY_ASSIGN(r.ldflags, build.string("ldflags"));
    WB_TRY_ASSIGN(r.backend_flags, build.string("backend-flags"));
    WB_TRY_ASSIGN(r.env, build.string_map("env"));
    WB_TRY_ASSIGN(r.unvendor_tests, build.boolean("unvendor-tests", true));
    WB_TRY_ASSIGN(r.cross_build_env, build.boolean("cross-build-env", false));
    WB_TRY_ASSIGN(r.cross_build_files, build.string_list("cross-build-files"));
    for (const auto& f : r.cross_build_files) {
        if (f.empty() || f.front() == '/' || f.find("..") != std::string::npos) {
            return tl::unexpected(build.error_at("cross-build-files", fmt::format("'{}': expected a path inside the "
                                                                                   "package's wheel", f)));
        }
    }
    if ((r.cross_build_env || !r.cross_build_files.empty()) && r.type != BuildType::Package) {
        return tl::unexpected(build.error_at("cross-build-env", "only a package has files for the cross-build "
                                                                "environment"));
    }
    std::string exports;
    WB_TRY_ASSIGN(exports, build.string("exports"));
    if (!exports.empty()) {
        if (exports != "pyinit" && exports != "requested" && exports != "whole_archive") {
            return tl::unexpected(build.error_at("exports", fmt::format("unknown value '{}' (expected pyinit, "
                                                                        "requested or whole_archive)", exports)));
        }
        r.exports = exports;
    }
    if (r.type != BuildType::Package && r.script.empty()) {
        return tl::unexpected(build.error_at({}, fmt::format("a {} recipe needs a 'script'", build_type_name(r.type))));
    }
    return {};
}

Expected<void> parse_requirements(const YamlMap& root, Recipe& r) {
    YamlMap req(YAML::Node(), "requirements", r.file);
    WB_TRY_ASSIGN(req, root.map("requirements"));
    if (auto c = req.check_keys({"host", "run", "executable"},
                                 {{"constraint", "build tools come from the toolchain root (toolchains/*.yaml), not "
                                                 "from pip: pin their versions there"},
                                  {"build-extras", "build tools come from the toolchain root (toolchains/*.yaml), "
                                                   "not from pip"}});
        !c) {
        return c;
    }
    WB_TRY_ASSIGN(r.host_requirements, req.string_list("host"));
    WB_TRY_ASSIGN(r.run_requirements, req.string_list("run"));
    WB_TRY_ASSIGN(r.executable_requirements, req.string_list("executable"));
    for (const char* kind : {"host", "run", "executable"}) {
        YAML::Node list = req.at(kind);
        if (!list.IsSequence()) continue;
        for (const auto& item : list) r.locations[std::string(kind) + ":" + item.Scalar()] = yaml_location(r.file, item);
    }
    return {};
}

Expected<void> parse_failure_list(const YAML::Node& list, const std::filesystem::path& file,
                                  std::vector<ExpectedFailure>& out) {
    for (const auto& item : list) {
        YamlMap entry(item, "expected-failures[]", file);
        if (auto c = entry.check_keys({"test", "reason"}); !c) return c;
        ExpectedFailure f;
        WB_TRY_ASSIGN(f.test, entry.string("test", true));
        WB_TRY_ASSIGN(f.reason, entry.string("reason", true));
        out.push_back(std::move(f));
    }
    return {};
}

Expected<void> parse_expected_failures(const YamlMap& suite, Recipe& r) {
    YAML::Node list = suite.at("expected-failures");
    if (!list.IsDefined() || list.IsNull()) return {};
    if (list.IsScalar()) {
        r.test.expected_failures_file = list.Scalar();
        return {};
    }
    if (!list.IsSequence()) {
        return tl::unexpected(suite.error_at("expected-failures", "expected a list or the name of a YAML file"));
    }
    return parse_failure_list(list, r.file, r.test.expected_failures);
}

Expected<void> parse_test(const YamlMap& root, Recipe& r) {
    YamlMap test(YAML::Node(), "test", r.file);
    WB_TRY_ASSIGN(test, root.map("test"));
    if (auto c = test.check_keys({"imports", "script", "suite"}); !c) return c;
    WB_TRY_ASSIGN(r.test.imports, test.string_list("imports"));
    WB_TRY_ASSIGN(r.test.script, test.string("script"));
    YamlMap suite(YAML::Node(), "test.suite", r.file);
    WB_TRY_ASSIGN(suite, test.map("suite"));
    if (auto c = suite.check_keys({"args", "requires", "files", "script", "min-passed", "expected-failures"}); !c) {
        return c;
    }
    WB_TRY_ASSIGN(r.test.suite_script, suite.string("script"));
    WB_TRY_ASSIGN(r.test.suite_args, suite.string_list("args"));
    WB_TRY_ASSIGN(r.test.suite_requires, suite.string_list("requires"));
    WB_TRY_ASSIGN(r.test.suite_files, suite.string_list("files"));
    for (const auto& f : r.test.suite_files) {
        if (auto path = util::SafePath::parse(f); !path) {
            return tl::unexpected(
                suite.error_at("files", path.error().message + ": expected a path inside the source tree"));
        }
    }
    WB_TRY_ASSIGN(r.test.min_passed, suite.integer("min-passed", 0));
    return parse_expected_failures(suite, r);
}

Expected<void> parse_extra(const YamlMap& root, Recipe& r) {
    YamlMap extra(YAML::Node(), "extra", r.file);
    WB_TRY_ASSIGN(extra, root.map("extra"));
    if (auto c = extra.check_keys({"recipe-maintainers"}); !c) return c;
    WB_TRY_ASSIGN(r.maintainers, extra.string_list("recipe-maintainers"));
    return {};
}

Expected<void> parse_about(const YamlMap& root, Recipe& r) {
    YamlMap about(YAML::Node(), "about", r.file);
    WB_TRY_ASSIGN(about, root.map("about"));
    if (auto c = about.check_keys({"home", "PyPI", "summary", "license"}); !c) return c;
    WB_TRY_ASSIGN(r.summary, about.string("summary"));
    WB_TRY_ASSIGN(r.home, about.string("home"));
    WB_TRY_ASSIGN(r.license, about.string("license"));
    return {};
}

}  // namespace

Expected<std::vector<ExpectedFailure>> parse_expected_failures(const std::string& text, const std::filesystem::path& file) {
    YAML::Node doc;
    WB_TRY_ASSIGN(doc, specs::load_yaml(text, file));
    std::vector<ExpectedFailure> out;
    if (doc.IsNull()) return out;
    if (!doc.IsSequence()) {
        return util::fail(ErrorKind::Input, fmt::format("{}: expected a list of {{test, reason}} entries", file.string()));
    }
    if (auto p = parse_failure_list(doc, file, out); !p) return tl::unexpected(p.error());
    return out;
}

Expected<Recipe> Recipe::parse(const std::string& text, const std::filesystem::path& file) {
    YAML::Node doc;
    WB_TRY_ASSIGN(doc, specs::load_yaml(text, file));
    YamlMap root(doc, "", file);
    if (!doc.IsMap()) return util::fail(ErrorKind::Input, fmt::format("{}: expected a YAML mapping", file.string()));
    if (auto c = root.check_keys({"package", "source", "build", "requirements", "test", "about", "extra"}); !c) {
        return tl::unexpected(c.error());
    }
    Recipe r;
    r.file = file;
    for (auto step : {parse_package, parse_build, parse_source, parse_requirements, parse_test, parse_about,
                      parse_extra}) {
        if (auto s = step(root, r); !s) return tl::unexpected(s.error());
    }
    return r;
}

std::string Recipe::canonical() const {
    nlohmann::json j;
    j["name"] = name;
    j["version"] = version;
    j["top_level"] = top_level;
    j["source"] = {{"urls", source.urls}, {"debian", {source.debian_package, source.debian_version, source.debian_file}},
                   {"pypi", {source.pypi_project, source.pypi_file}},
                   {"path", source.path}, {"sha256", source.sha256}, {"patches", source.patches},
                   {"extras", source.extras}};
    j["build"] = {{"type", build_type_name(type)}, {"script", script}, {"cflags", cflags}, {"cxxflags", cxxflags},
                  {"ldflags", ldflags}, {"exports", exports}, {"backend_flags", backend_flags}, {"env", env},
                  {"unvendor_tests", unvendor_tests}};
    // Keys added later enter the text only when set, so that existing recipes keep their keys.
    if (!source.extract_dir.empty()) j["source"]["extract_dir"] = source.extract_dir;
    if (!post.empty()) j["build"]["post"] = post;
    if (!cross_build_files.empty()) j["build"]["cross_build_files"] = cross_build_files;
    j["requirements"] = {{"host", host_requirements}, {"run", run_requirements}};
    j["test_files"] = test.suite_files;  // copied from the source tree when it is built
    return j.dump();
}

}  // namespace wb::recipe
