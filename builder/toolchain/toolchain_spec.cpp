#include "toolchain/toolchain_spec.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "specs/yaml_reader.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::toolchain {
namespace fs = std::filesystem;
using specs::YamlMap;
using util::ErrorKind;
using util::Expected;

namespace {

/// A Debian package name, '=', a Debian version (no spaces).
bool is_pin(const std::string& line) {
    static const std::regex pin(R"(^[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?=[A-Za-z0-9.+~:-]+$)");
    return std::regex_match(line, pin);
}

std::map<std::string, std::string> by_name(const std::vector<std::string>& lines) {
    std::map<std::string, std::string> out;
    for (const auto& line : lines) {
        auto eq = line.find('=');
        out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

}  // namespace

Expected<std::vector<std::string>> parse_manifest(const std::string& text, const fs::path& file) {
    std::vector<std::string> out;
    int line_no = 0;
    for (const auto& raw : util::split(text, '\n')) {
        ++line_no;
        std::string line(util::trim(raw));
        if (line.empty() || line[0] == '#') continue;
        if (!is_pin(line)) {
            return util::fail(ErrorKind::Input, fmt::format("{}:{}: '{}': expected a name=version line",
                                                            file.string(), line_no, line));
        }
        if (!out.empty() && line <= out.back()) {
            return util::fail(ErrorKind::Input, fmt::format("{}:{}: '{}': lines must be sorted and unique",
                                                            file.string(), line_no, line));
        }
        out.push_back(line);
    }
    return out;
}

std::string manifest_text(const std::vector<std::string>& manifest) {
    std::string out;
    for (const auto& line : manifest) out += line + "\n";
    return out;
}

std::string manifest_identity(const std::vector<std::string>& manifest, const std::vector<std::string>& prepare) {
    std::string text = manifest_text(manifest);
    for (const auto& command : prepare) text += "prepare: " + command + "\n";
    return util::sha256_hex(text);
}

std::vector<std::string> manifest_differences(const std::vector<std::string>& wanted,
                                              const std::vector<std::string>& got) {
    std::vector<std::string> out;
    auto have = by_name(got);
    for (const auto& [name, version] : by_name(wanted)) {
        auto it = have.find(name);
        if (it == have.end()) out.push_back(fmt::format("{}: pinned {}, not installed", name, version));
        else if (it->second != version) out.push_back(fmt::format("{}: pinned {}, installed {}", name, version, it->second));
    }
    auto want = by_name(wanted);
    for (const auto& [name, version] : have) {
        if (!want.count(name)) out.push_back(fmt::format("{}: installed {}, not in the lock", name, version));
    }
    return out;
}

Expected<ToolchainSpec> ToolchainSpec::parse(const std::string& text, const fs::path& file) {
    YAML::Node doc;
    WB_TRY_ASSIGN(doc, specs::load_yaml(text, file));
    ToolchainSpec spec;
    spec.file = file;
    YamlMap root(doc, "", file);
    WB_TRY(root.check_keys({"toolchain"}));
    YamlMap t(YAML::Node(), "", file);
    WB_TRY_ASSIGN(t, root.map("toolchain"));
    if (!root.has("toolchain")) return tl::unexpected(root.error_at({}, "missing required section 'toolchain'"));
    WB_TRY(t.check_keys({"name", "suite", "variant", "apt-options", "packages", "prepare"}));
    WB_TRY_ASSIGN(spec.name, t.string("name", true));
    if (spec.name != file.stem().string()) {
        return tl::unexpected(t.error_at("name", fmt::format("toolchain name '{}' does not match its file name "
                                                             "(expected: {})", spec.name, file.stem().string())));
    }
    WB_TRY_ASSIGN(spec.suite, t.string("suite", true));
    std::string variant;
    WB_TRY_ASSIGN(variant, t.string("variant"));
    if (!variant.empty()) spec.variant = variant;
    WB_TRY_ASSIGN(spec.apt_options, t.string_list("apt-options"));
    for (const auto& option : spec.apt_options) {
        if (option.find('=') == std::string::npos || option.find('\n') != std::string::npos) {
            return tl::unexpected(t.error_at("apt-options", fmt::format("'{}': expected Name=value", option)));
        }
    }
    WB_TRY_ASSIGN(spec.prepare, t.string_list("prepare"));
    WB_TRY_ASSIGN(spec.packages, t.string_list("packages"));
    if (spec.packages.empty()) return tl::unexpected(t.error_at("packages", "expected at least one name=version pin"));
    for (const auto& pin : spec.packages) {
        if (!is_pin(pin)) {
            return tl::unexpected(t.error_at("packages", fmt::format("'{}': expected name=version (every package "
                                                                     "is pinned)", pin)));
        }
    }
    return spec;
}

Expected<ToolchainSpec> ToolchainSpec::load(const fs::path& file) {
    std::string text;
    WB_TRY_ASSIGN(text, util::read_file(file));
    ToolchainSpec spec;
    WB_TRY_ASSIGN(spec, parse(text, file));
    spec.lock_file = fs::path(file).replace_extension(".lock");
    std::error_code ec;
    if (!fs::exists(spec.lock_file, ec)) return spec;
    std::string lock;
    WB_TRY_ASSIGN(lock, util::read_file(spec.lock_file));
    WB_TRY_ASSIGN(spec.manifest, parse_manifest(lock, spec.lock_file));
    auto missing = manifest_differences(spec.packages, spec.manifest);
    std::erase_if(missing, [](const std::string& d) { return d.ends_with("not in the lock"); });
    if (!missing.empty()) {
        // Not an error yet: `toolchain lock` must still be able to load the spec to re-lock it.
        spec.lock_problem = fmt::format("{}: the lock does not hold the pinned packages of {} ({}); re-lock with "
                                        "`wasm-build toolchain lock {}`", spec.lock_file.string(), file.string(),
                                        util::join(missing, "; "), spec.name);
        return spec;
    }
    spec.identity = manifest_identity(spec.manifest, spec.prepare);
    return spec;
}

}  // namespace wb::toolchain
