#pragma once
// The sandbox as tests see it: a bwrap command line read back into what it asks for (mounts,
// symlinks, namespaces, uid, environment, working directory, the command), and a ProcessRunner
// that records that for every command it is given before a scripted handler answers (as the real
// tools would, e.g. by writing files into a mounted directory).
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sandbox/sandbox.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace wb::fakes {

struct SandboxCall {
    std::vector<std::string> flags;              ///< options without a value, in order
    std::vector<sandbox::Mount> mounts;          ///< --bind (writable) and --ro-bind, in order
    std::map<std::string, std::string> symlinks; ///< --symlink: where -> target
    std::vector<std::string> dirs, tmpfs, remount_ro;
    std::string uid, gid, proc, dev, chdir;
    util::Environment env;                       ///< --setenv
    std::vector<std::string> setenv_names;       ///< in order, to see duplicates
    std::vector<std::string> argv;               ///< the command after "--"
    std::vector<std::string> order;              ///< every option in the order given

    bool has(const std::string& flag) const { return std::find(flags.begin(), flags.end(), flag) != flags.end(); }
    const sandbox::Mount* mount_at(const std::string& inside) const {
        for (const auto& m : mounts) {
            if (m.inside == inside) return &m;
        }
        return nullptr;
    }
    /// Position of the first option `name` in `order`, or -1.
    int position(const std::string& name) const {
        auto it = std::find(order.begin(), order.end(), name);
        return it == order.end() ? -1 : static_cast<int>(it - order.begin());
    }
};

/// Reads a bwrap command line; nullopt if it is not one or uses an option this reader does not know.
inline std::optional<SandboxCall> parse_bwrap(const std::vector<std::string>& a) {
    static const std::set<std::string> no_value = {"--die-with-parent", "--new-session", "--unshare-ipc",
                                                   "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try",
                                                   "--unshare-net", "--unshare-user", "--unshare-all", "--clearenv"};
    if (a.empty() || a[0] != "bwrap") return std::nullopt;
    SandboxCall c;
    size_t i = 1;
    auto value = [&](size_t k) -> std::optional<std::string> {
        if (i + k >= a.size()) return std::nullopt;
        return a[i + k];
    };
    for (; i < a.size(); ++i) {
        const std::string& o = a[i];
        if (o == "--") {
            c.argv.assign(a.begin() + i + 1, a.end());
            return c;
        }
        c.order.push_back(o);
        if (no_value.count(o)) {
            c.flags.push_back(o);
        } else if (o == "--bind" || o == "--ro-bind" || o == "--symlink" || o == "--setenv") {
            auto x = value(1), y = value(2);
            if (!x || !y) return std::nullopt;
            if (o == "--symlink") c.symlinks[*y] = *x;
            else if (o == "--setenv") c.env[*x] = *y, c.setenv_names.push_back(*x);
            else c.mounts.push_back({*x, *y, o == "--bind"});
            i += 2;
        } else if (o == "--uid" || o == "--gid" || o == "--proc" || o == "--dev" || o == "--tmpfs" || o == "--dir" ||
                   o == "--remount-ro" || o == "--chdir") {
            auto x = value(1);
            if (!x) return std::nullopt;
            if (o == "--uid") c.uid = *x;
            else if (o == "--gid") c.gid = *x;
            else if (o == "--proc") c.proc = *x;
            else if (o == "--dev") c.dev = *x;
            else if (o == "--tmpfs") c.tmpfs.push_back(*x);
            else if (o == "--dir") c.dirs.push_back(*x);
            else if (o == "--remount-ro") c.remount_ro.push_back(*x);
            else c.chdir = *x;
            i += 1;
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;  // no "--": no command
}

/// Records every command as it reaches the machine (the outer bwrap command, and what it asks of
/// the sandbox when it is one), then answers with the handler (exit 0 without one).
class SandboxRecorder final : public util::ProcessRunner {
public:
    /// call: the sandbox the command asked for (nullopt for a command run outside any sandbox).
    using Handler = std::function<util::Expected<util::ProcessResult>(const util::Command& command,
                                                                      const std::optional<SandboxCall>& call)>;
    explicit SandboxRecorder(Handler handler = {}) : m_handler(std::move(handler)) {}
    void set_handler(Handler handler) { m_handler = std::move(handler); }

    const std::vector<util::Command>& commands() const { return m_commands; }
    /// The sandboxes asked for, one per sandboxed command, in order.
    const std::vector<SandboxCall>& calls() const { return m_calls; }

    util::Expected<util::ProcessResult> run(const util::Command& command) override {
        m_commands.push_back(command);
        auto call = parse_bwrap(command.argv);
        if (call) m_calls.push_back(*call);
        if (!call && !command.argv.empty() && command.argv[0] == "bwrap") {
            ADD_FAILURE() << "a bwrap command line this fake cannot read: " << util::join(command.argv, " ");
        }
        if (m_handler) return m_handler(command, call);
        return util::ProcessResult{};
    }

private:
    Handler m_handler;
    std::vector<util::Command> m_commands;
    std::vector<SandboxCall> m_calls;
};

}  // namespace wb::fakes
