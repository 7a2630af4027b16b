#include "platform/platform.hpp"

#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "specs/version.hpp"
#include "specs/yaml_reader.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::platform {
using specs::YamlMap;
using util::ErrorKind;
using util::Expected;

namespace {

/// "3.14.2" -> "3.14"; empty when the text is not major.minor[.patch...].
std::string major_minor(const std::string& version) {
    static const std::regex form(R"(^(\d+)\.(\d+)([.\w]*)$)");
    std::smatch m;
    if (!std::regex_match(version, m, form)) return {};
    return m[1].str() + "." + m[2].str();
}

Expected<void> parse_identity(const YamlMap& root, Platform& p) {
    YamlMap section(YAML::Node(), "", p.file);
    WB_TRY_ASSIGN(section, root.map("platform"));
    if (!root.has("platform")) return tl::unexpected(root.error_at({}, "missing required section 'platform'"));
    WB_TRY(section.check_keys({"name", "tag", "enabled", "default"}));
    WB_TRY_ASSIGN(p.name, section.string("name", true));
    WB_TRY_ASSIGN(p.tag, section.string("tag", true));
    WB_TRY_ASSIGN(p.enabled, section.boolean("enabled", true));
    WB_TRY_ASSIGN(p.is_default, section.boolean("default", false));
    std::string stem = p.file.stem().string();
    if (p.name != stem) {
        return tl::unexpected(section.error_at("name", fmt::format("platform name '{}' does not match its file "
                                                                   "name (expected: {})", p.name, stem)));
    }
    static const std::regex pep783(R"(^pyemscripten_(\d{4})_(\d+)_wasm32$)");
    static const std::regex legacy(R"(^emscripten_\d+_\d+_\d+_wasm32$)");
    std::smatch m;
    if (std::regex_match(p.tag, m, pep783)) {
        p.abi_version = m[1].str() + "_" + m[2].str();
    } else if (!std::regex_match(p.tag, legacy)) {
        return tl::unexpected(section.error_at("tag", fmt::format("'{}' is not a wheel platform tag for wasm "
                                                                  "(expected pyemscripten_YYYY_P_wasm32 as PEP 783 "
                                                                  "names it, or emscripten_X_Y_Z_wasm32)", p.tag)));
    }
    return {};
}

Expected<void> parse_python(const YamlMap& root, Platform& p) {
    YamlMap section(YAML::Node(), "", p.file);
    WB_TRY_ASSIGN(section, root.map("python"));
    if (!root.has("python")) return tl::unexpected(root.error_at({}, "missing required section 'python'"));
    WB_TRY(section.check_keys({"version", "build-python", "cross-env"}));
    WB_TRY_ASSIGN(p.python_version, section.string("version", true));
    if (major_minor(p.python_version) != p.python_version) {
        return tl::unexpected(section.error_at("version", fmt::format("'{}': expected the major.minor version the "
                                                                      "wheels are built for, e.g. \"3.14\"",
                                                                      p.python_version)));
    }
    WB_TRY_ASSIGN(p.build_python, section.string("build-python", true));
    if (!p.build_python.starts_with("/")) {
        return tl::unexpected(section.error_at("build-python", "expected an absolute path inside the toolchain root"));
    }
    WB_TRY_ASSIGN(p.cross_env, section.string("cross-env", true));
    return {};
}

Expected<void> parse_flags(const YamlMap& root, Platform& p) {
    YamlMap section(YAML::Node(), "", p.file);
    WB_TRY_ASSIGN(section, root.map("flags"));
    WB_TRY(section.check_keys({"cflags", "ldflags"}));
    WB_TRY_ASSIGN(p.cflags, section.string_list("cflags"));
    WB_TRY_ASSIGN(p.ldflags, section.string_list("ldflags"));
    for (const auto* list : {&p.cflags, &p.ldflags}) {
        for (const auto& flag : *list) {
            if (flag == "-pthread" || flag.starts_with("-sUSE_PTHREADS")) {
                return tl::unexpected(section.error_at(list == &p.cflags ? "cflags" : "ldflags",
                                                       "-pthread makes a shared memory that stock Pyodide refuses "
                                                       "(mismatch in shared state of memory)"));
            }
        }
    }
    return {};
}

Expected<void> parse_runtime(const YamlMap& root, Platform& p) {
    YamlMap section(YAML::Node(), "", p.file);
    WB_TRY_ASSIGN(section, root.map("runtime"));
    if (!root.has("runtime")) return tl::unexpected(root.error_at({}, "missing required section 'runtime'"));
    WB_TRY(section.check_keys({"npm", "version", "integrity", "python", "emscripten"}));
    RuntimePackage& r = p.runtime;
    WB_TRY_ASSIGN(r.npm_name, section.string("npm", true));
    WB_TRY_ASSIGN(r.version, section.string("version", true));
    WB_TRY_ASSIGN(r.integrity, section.string("integrity", true));
    WB_TRY_ASSIGN(r.python_version, section.string("python", true));
    WB_TRY_ASSIGN(r.emscripten, section.string("emscripten", true));
    static const std::regex sri(R"(^sha512-[A-Za-z0-9+/]{86}==$)");
    if (!std::regex_match(r.integrity, sri)) {
        return tl::unexpected(section.error_at("integrity", "expected npm's sha512 integrity string "
                                                            "(sha512-<88 base64 characters>)"));
    }
    if (major_minor(r.python_version) != p.python_version) {
        return tl::unexpected(section.error_at("python", fmt::format("the runtime runs Python {} but the platform "
                                                                     "builds for {} (python.version)",
                                                                     r.python_version, p.python_version)));
    }
    return {};
}

}  // namespace

std::string Platform::python_tag() const { return "cp" + util::replace_all(python_version, ".", ""); }

std::string Platform::extension_wheel_tag() const { return python_tag() + "-" + python_tag() + "-" + tag; }

std::string Platform::ext_suffix() const {
    return ".cpython-" + util::replace_all(python_version, ".", "") + "-wasm32-emscripten.so";
}

Expected<Platform> Platform::parse(const std::string& text, const std::filesystem::path& file) {
    YAML::Node doc;
    WB_TRY_ASSIGN(doc, specs::load_yaml(text, file));
    Platform p;
    p.file = file;
    p.file_sha256 = util::sha256_hex(text);
    YamlMap root(doc, "", file);
    if (!doc.IsMap()) return tl::unexpected(root.error_at({}, "expected a mapping with platform, python, toolchain, "
                                                              "flags and runtime"));
    WB_TRY(root.check_keys({"platform", "python", "toolchain", "flags", "runtime"}));
    WB_TRY(parse_identity(root, p));
    WB_TRY(parse_python(root, p));
    WB_TRY_ASSIGN(p.toolchain, root.string("toolchain", true));
    WB_TRY(parse_flags(root, p));
    WB_TRY(parse_runtime(root, p));
    return p;
}

}  // namespace wb::platform
