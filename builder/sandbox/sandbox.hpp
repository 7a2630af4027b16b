#pragma once
// The build sandbox: every step that runs code from a recipe or a package (scripts, configure,
// make, setup.py/meson, tests) runs under bubblewrap with the toolchain root read-only as /, only
// its own directories writable, a private /tmp, an empty read-only $HOME, a clean environment, no
// network, its own PID namespace, an unprivileged uid, killed with its parent. This file is the only
// place that knows bwrap's flags.
#include <filesystem>
#include <string>
#include <vector>

#include "util/subprocess.hpp"

namespace wb::sandbox {

struct Mount {
    std::filesystem::path host;    ///< what is mounted (must exist)
    std::filesystem::path inside;  ///< where the step sees it (absolute)
    bool writable = false;
};

struct SandboxSpec {
    std::filesystem::path root;           ///< the toolchain root, seen read-only as /
    std::vector<Mount> mounts;            ///< the step's own directories, in order
    bool network = false;                 ///< only for steps that install into a root (apt)
    bool writable_root = false;           ///< the root itself read-write (making a root, never a build)
    std::string home = "/home/build";     ///< $HOME: empty and read-only
};

/// Directories of the root that are bound into the sandbox; the rest of / is an empty read-only
/// tmpfs where the step's own mounts are created.
inline constexpr const char* k_root_dirs[] = {"usr", "etc", "var", "srv"};

/// The bwrap command line that runs `argv` in the sandbox with exactly `env` in `cwd` (inside).
std::vector<std::string> bwrap_argv(const SandboxSpec& spec, const std::vector<std::string>& argv,
                                    const util::Environment& env, const std::filesystem::path& cwd);

/// A ProcessRunner that runs every command through bwrap in one sandbox. Commands' cwd and env
/// are those seen inside; their log files are written by the parent (outside).
class SandboxedRunner final : public util::ProcessRunner {
public:
    SandboxedRunner(util::ProcessRunner& inner, SandboxSpec spec) : m_inner(inner), m_spec(std::move(spec)) {}
    util::Expected<util::ProcessResult> run(const util::Command& command) override;
    const SandboxSpec& spec() const { return m_spec; }

private:
    util::ProcessRunner& m_inner;
    SandboxSpec m_spec;
};

/// Checks that bubblewrap can make a sandbox here (installed on env's PATH, user namespaces allowed).
util::Expected<void> check_available(util::ProcessRunner& runner, const util::Environment& env);

}  // namespace wb::sandbox
