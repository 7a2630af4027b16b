#pragma once
// Every platform and toolchain root a project declares (platforms/*.yaml, toolchains/*.yaml +
// *.lock), loaded once and checked together: each platform names a locked toolchain, exactly one
// is the default. Platforms get their identities here, from the file and the root's identity.
#include <filesystem>
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "toolchain/toolchain_spec.hpp"
#include "util/error.hpp"

namespace wb::platform {

class PlatformSet {
public:
    static util::Expected<PlatformSet> load(const std::filesystem::path& project_dir);
    /// Checks and completes platforms and toolchains given in memory (tests).
    static util::Expected<PlatformSet> from(std::vector<Platform> platforms,
                                            std::vector<toolchain::ToolchainSpec> toolchains);

    const std::vector<Platform>& all() const { return m_platforms; }
    const std::vector<toolchain::ToolchainSpec>& toolchains() const { return m_toolchains; }
    const Platform* find(const std::string& name) const;
    const Platform& default_platform() const;
    const toolchain::ToolchainSpec& toolchain_of(const Platform& platform) const;
    const toolchain::ToolchainSpec* find_toolchain(const std::string& name) const;
    /// The named platforms (in the order given), or every enabled one when `names` is empty.
    util::Expected<std::vector<const Platform*>> select(const std::vector<std::string>& names) const;

private:
    std::vector<Platform> m_platforms;
    std::vector<toolchain::ToolchainSpec> m_toolchains;
};

}  // namespace wb::platform
