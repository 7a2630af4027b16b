#pragma once
// A platform's stock runtime (Pyodide) from the npm registry: fetched with npm's own client (whose
// configuration says where the registry is), checked against the platform's pinned integrity
// (sha512) before anything of it is used, unpacked safely and kept under <cache>/runtimes/.
#include <filesystem>

#include "platform/platform.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {

/// sha512-<base64> of a file, npm's "integrity" form.
util::Expected<std::string> npm_integrity(const std::filesystem::path& file);

class NpmPackages {
public:
    NpmPackages(std::filesystem::path dir, util::ProcessRunner& runner, bool offline)
        : m_dir(std::move(dir)), m_runner(runner), m_offline(offline) {}

    /// The unpacked package directory (holding package.json), fetched on first use.
    util::Expected<std::filesystem::path> ensure(const platform::RuntimePackage& package);
    /// Where a package lives once fetched.
    std::filesystem::path dir_for(const platform::RuntimePackage& package) const;

private:
    std::filesystem::path m_dir;
    util::ProcessRunner& m_runner;
    bool m_offline;
};

}  // namespace wb::runtime
