#pragma once
// Toolchain roots in the cache, stored under their identity: <cache>/toolchains/<name>-<id16>/
// holds root/ (the Debian system) and root.json (written last: no root.json, no root). A root is
// made once — debootstrap from the machine's own archive, then every locked package at its locked
// version, then the spec's prepare commands — and reused by every build and run, read-only.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "toolchain/apt_sources.hpp"
#include "toolchain/toolchain_spec.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::toolchain {

struct RootInfo {
    std::string name;
    std::string identity;
    std::filesystem::path dir;   ///< <cache>/toolchains/<name>-<id16>
    uint64_t bytes = 0;          ///< measured by list()
    std::filesystem::path root() const { return dir / "root"; }
};

class RootStore {
public:
    /// `dir` is <cache>/toolchains; `runner` runs debootstrap and bwrap (outside any sandbox).
    RootStore(std::filesystem::path dir, util::ProcessRunner& runner) : m_dir(std::move(dir)), m_runner(runner) {}

    /// The finished root of spec, if the cache has it.
    std::optional<RootInfo> find(const ToolchainSpec& spec) const;
    /// The finished root of spec, made first when missing (progress and tool output go to `log`).
    util::Expected<RootInfo> ensure(const ToolchainSpec& spec, const std::filesystem::path& log);
    /// Makes a root from the spec's top-level pins alone and returns its manifest (to write a lock).
    util::Expected<std::vector<std::string>> resolve_manifest(const ToolchainSpec& spec,
                                                              const std::filesystem::path& log);
    /// Every finished root in the cache.
    std::vector<RootInfo> list() const;
    /// Writes a finished root as one archive another machine can import bit for bit.
    util::Expected<void> export_root(const RootInfo& root, const std::filesystem::path& file) const;
    /// Imports an exported root after checking that its packages give the identity it claims.
    util::Expected<RootInfo> import_root(const std::filesystem::path& file);
    /// Removes roots whose identity is not in `keep`; returns what it removed.
    std::vector<RootInfo> gc(const std::vector<std::string>& keep);
    /// The archive source roots are made from (this machine's apt configuration unless set).
    void set_archive(ArchiveSource source) { m_archive = std::move(source); }

    const std::filesystem::path& dir() const { return m_dir; }

private:
    util::Expected<void> make_root(const ToolchainSpec& spec, const std::filesystem::path& target,
                                   const std::vector<std::string>& pins, const std::filesystem::path& log);
    util::Expected<void> run_in_root(const std::filesystem::path& root, const std::string& what,
                                     const std::vector<std::string>& argv, bool network,
                                     const std::filesystem::path& log);
    std::filesystem::path m_dir;
    util::ProcessRunner& m_runner;
    std::optional<ArchiveSource> m_archive;
};

/// The manifest of an installed root (from its dpkg status file), sorted name=version lines.
util::Expected<std::vector<std::string>> installed_manifest(const std::filesystem::path& root);

}  // namespace wb::toolchain
