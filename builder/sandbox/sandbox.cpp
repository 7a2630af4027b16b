#include "sandbox/sandbox.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::sandbox {
namespace fs = std::filesystem;

namespace {

/// The root's top level: its symlinks (merged /usr: bin -> usr/bin) and the bound directories.
void add_root(const SandboxSpec& spec, std::vector<std::string>& a) {
    if (spec.writable_root) {
        a.insert(a.end(), {"--bind", spec.root.string(), "/"});
        return;
    }
    std::error_code ec;
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(spec.root, ec)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& path : entries) {
        std::string name = path.filename().string();
        if (fs::is_symlink(fs::symlink_status(path, ec))) {
            a.insert(a.end(), {"--symlink", fs::read_symlink(path, ec).string(), "/" + name});
        } else if (std::find(std::begin(k_root_dirs), std::end(k_root_dirs), name) != std::end(k_root_dirs)) {
            a.insert(a.end(), {"--ro-bind", path.string(), "/" + name});
        }
    }
}

}  // namespace

std::vector<std::string> bwrap_argv(const SandboxSpec& spec, const std::vector<std::string>& argv,
                                    const util::Environment& env, const fs::path& cwd) {
    std::vector<std::string> a = {"bwrap", "--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-pid",
                                  "--unshare-uts", "--unshare-cgroup-try"};
    if (!spec.network) a.push_back("--unshare-net");
    // An unprivileged uid for every step that runs package code; making a root needs real root
    // (dpkg changes owners), and happens only from pinned Debian packages.
    if (!spec.writable_root) a.insert(a.end(), {"--unshare-user", "--uid", "65534", "--gid", "65534"});
    add_root(spec, a);
    a.insert(a.end(), {"--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"});
    if (!spec.writable_root) a.insert(a.end(), {"--dir", spec.home});
    for (const auto& m : spec.mounts) {
        a.insert(a.end(), {m.writable ? "--bind" : "--ro-bind", m.host.string(), m.inside.string()});
    }
    if (!spec.writable_root) a.insert(a.end(), {"--remount-ro", "/"});
    a.push_back("--clearenv");
    for (const auto& [name, value] : env) a.insert(a.end(), {"--setenv", name, value});
    if (!env.count("HOME")) a.insert(a.end(), {"--setenv", "HOME", spec.home});
    a.insert(a.end(), {"--chdir", cwd.empty() ? std::string("/") : cwd.string(), "--"});
    a.insert(a.end(), argv.begin(), argv.end());
    return a;
}

util::Expected<util::ProcessResult> SandboxedRunner::run(const util::Command& command) {
    util::Command outer = command;
    util::Environment env = command.env ? *command.env : util::Environment{};
    outer.argv = bwrap_argv(m_spec, command.argv, env, command.cwd);
    outer.env = util::Environment{{"PATH", "/usr/bin:/bin"}};
    outer.cwd = "/";
    return m_inner.run(outer);
}

util::Expected<void> check_available(util::ProcessRunner& runner, const util::Environment& env) {
    if (!util::find_program("bwrap", env)) {
        return util::fail(util::ErrorKind::Usage, "bwrap not found: builds run in a bubblewrap sandbox (Debian "
                                                  "package 'bubblewrap'; ci/setup.sh installs it)");
    }
    util::Command probe{{"bwrap", "--unshare-all", "--unshare-user", "--ro-bind", "/", "/", "--", "/bin/true"},
                        util::Environment{{"PATH", "/usr/bin:/bin"}}, "/", {}, {}, std::chrono::seconds(30)};
    auto r = runner.run(probe);
    if (!r) return tl::unexpected(r.error());
    if (!r->ok()) {
        return util::fail(util::ErrorKind::Usage, fmt::format("bubblewrap cannot create a sandbox on this machine "
                                                              "(exit {}): {}", r->exit_code, util::trim(r->output)));
    }
    return {};
}

}  // namespace wb::sandbox
