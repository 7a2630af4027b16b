#include "platform/platform_set.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::platform {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

std::vector<fs::path> yaml_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() == ".yaml") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> names_of(const std::vector<Platform>& platforms) {
    std::vector<std::string> out;
    for (const auto& p : platforms) out.push_back(p.name);
    return out;
}

}  // namespace

Expected<PlatformSet> PlatformSet::load(const fs::path& project_dir) {
    std::vector<toolchain::ToolchainSpec> toolchains;
    for (const auto& file : yaml_files(project_dir / "toolchains")) {
        toolchain::ToolchainSpec spec;
        WB_TRY_ASSIGN(spec, toolchain::ToolchainSpec::load(file));
        toolchains.push_back(std::move(spec));
    }
    std::vector<Platform> platforms;
    for (const auto& file : yaml_files(project_dir / "platforms")) {
        std::string text;
        WB_TRY_ASSIGN(text, util::read_file(file));
        Platform p;
        WB_TRY_ASSIGN(p, Platform::parse(text, file));
        platforms.push_back(std::move(p));
    }
    if (platforms.empty()) {
        return util::fail(ErrorKind::Usage, fmt::format("{}: no platform files (expected platforms/NAME.yaml)",
                                                        (project_dir / "platforms").string()));
    }
    return from(std::move(platforms), std::move(toolchains));
}

Expected<PlatformSet> PlatformSet::from(std::vector<Platform> platforms, std::vector<toolchain::ToolchainSpec> toolchains) {
    PlatformSet set;
    set.m_toolchains = std::move(toolchains);
    int defaults = 0;
    for (auto& p : platforms) {
        const toolchain::ToolchainSpec* tc = set.find_toolchain(p.toolchain);
        if (!tc) {
            return util::fail(ErrorKind::Input, fmt::format("{}: platform '{}' names toolchain '{}', but there is no "
                                                            "toolchains/{}.yaml", p.file.string(), p.name, p.toolchain,
                                                            p.toolchain));
        }
        defaults += p.is_default;
        if (tc->identity.empty()) continue;  // no lock yet: select() refuses the platform
        p.identity = util::sha256_hex(fmt::format("platform-file={}\nroot={}\n", p.file_sha256, tc->identity));
        p.flavor = util::sha256_hex(fmt::format("root={}\ncflags={}\nldflags={}\n", tc->identity,
                                                util::join(p.cflags, " "), util::join(p.ldflags, " ")));
    }
    for (size_t i = 0; i < platforms.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (platforms[i].tag == platforms[j].tag) {
                return util::fail(ErrorKind::Input, fmt::format("{}: tag '{}' is also the tag of {}",
                                                                platforms[i].file.string(), platforms[i].tag,
                                                                platforms[j].file.string()));
            }
        }
    }
    if (defaults != 1) {
        return util::fail(ErrorKind::Input, fmt::format("platforms ({}): expected exactly one with 'default: true', "
                                                        "found {}", util::join(names_of(platforms), ", "), defaults));
    }
    set.m_platforms = std::move(platforms);
    return set;
}

const Platform* PlatformSet::find(const std::string& name) const {
    for (const auto& p : m_platforms) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

const Platform& PlatformSet::default_platform() const {
    return *std::find_if(m_platforms.begin(), m_platforms.end(), [](const Platform& p) { return p.is_default; });
}

const toolchain::ToolchainSpec* PlatformSet::find_toolchain(const std::string& name) const {
    for (const auto& t : m_toolchains) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

const toolchain::ToolchainSpec& PlatformSet::toolchain_of(const Platform& platform) const {
    return *find_toolchain(platform.toolchain);
}

Expected<std::vector<const Platform*>> PlatformSet::select(const std::vector<std::string>& names) const {
    std::vector<const Platform*> out;
    if (names.empty()) {
        for (const auto& p : m_platforms) {
            if (p.enabled) out.push_back(&p);
        }
    }
    for (const auto& name : names) {
        const Platform* p = find(name);
        if (!p) {
            return util::fail(ErrorKind::Usage, fmt::format("unknown platform '{}' (expected one of: {})", name,
                                                            util::join(names_of(m_platforms), ", ")));
        }
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    for (const Platform* p : out) {
        if (p->identity.empty()) {
            const auto& tc = toolchain_of(*p);
            if (!tc.lock_problem.empty()) return util::fail(ErrorKind::Input, tc.lock_problem);
            return util::fail(ErrorKind::Usage, fmt::format("platform '{}': toolchain '{}' has no lock ({}); create "
                                                            "it with `wasm-build toolchain lock {}`", p->name, tc.name,
                                                            tc.lock_file.string(), tc.name));
        }
    }
    return out;
}

}  // namespace wb::platform
