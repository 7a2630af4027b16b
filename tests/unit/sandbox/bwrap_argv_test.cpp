#include <gtest/gtest.h>

#include "fakes/sandbox_recorder.hpp"
#include "fakes/temp_dir.hpp"
#include "sandbox/sandbox.hpp"

namespace wb::sandbox {
namespace {
namespace fs = std::filesystem;
using fakes::parse_bwrap;
using fakes::SandboxCall;

/// A toolchain root laid out like a merged-/usr Debian system.
class BwrapArgvTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        m_root = dir() / "root";
        for (const char* d : {"usr/bin", "etc", "var", "srv", "home", "root", "tmp", "opt", "boot"}) {
            fs::create_directories(m_root / d);
        }
        for (const char* l : {"bin", "lib", "lib64", "sbin"}) fs::create_directory_symlink(std::string("usr/") + l, m_root / l);
        write(m_root / "vmlinuz", "not a directory\n");
        fs::create_directories(dir() / "src");
        fs::create_directories(dir() / "recipe");
    }
    SandboxSpec spec() const {
        SandboxSpec s;
        s.root = m_root;
        s.mounts = {{dir() / "src", "/build/src", true}, {dir() / "recipe", "/build/recipe", false}};
        return s;
    }
    SandboxCall call(const SandboxSpec& s, const util::Environment& env = {{"PATH", "/usr/bin"}},
                     const fs::path& cwd = "/build/src") {
        auto c = parse_bwrap(bwrap_argv(s, {"make", "-j2"}, env, cwd));
        EXPECT_TRUE(c);
        return c ? *c : SandboxCall{};
    }
    fs::path m_root;
};

TEST_F(BwrapArgvTest, TheRootsSymlinksAndOnlyUsrEtcVarSrvAreBoundReadOnly) {
    SandboxCall c = call(spec());
    std::vector<Mount> root_mounts(c.mounts.begin(), c.mounts.begin() + 4);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& m : root_mounts) {
        EXPECT_FALSE(m.writable) << m.inside;
        got.emplace_back(m.host.string(), m.inside.string());
    }
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{(m_root / "etc").string(), "/etc"},
                                                                     {(m_root / "srv").string(), "/srv"},
                                                                     {(m_root / "usr").string(), "/usr"},
                                                                     {(m_root / "var").string(), "/var"}}));
    EXPECT_EQ(c.symlinks, (std::map<std::string, std::string>{
                              {"/bin", "usr/bin"}, {"/lib", "usr/lib"}, {"/lib64", "usr/lib64"}, {"/sbin", "usr/sbin"}}));
    for (const char* hidden : {"/home", "/root", "/tmp", "/opt", "/boot", "/vmlinuz", "/"}) {
        EXPECT_EQ(c.mount_at(hidden), nullptr) << hidden;
    }
    EXPECT_EQ(c.tmpfs, std::vector<std::string>{"/tmp"});
    EXPECT_EQ(c.proc, "/proc");
    EXPECT_EQ(c.dev, "/dev");
}

TEST_F(BwrapArgvTest, StepMountsKeepTheirOrderAndWritability) {
    SandboxCall c = call(spec());
    ASSERT_EQ(c.mounts.size(), 6u);
    EXPECT_EQ(c.mounts[4].host, dir() / "src");
    EXPECT_EQ(c.mounts[4].inside, "/build/src");
    EXPECT_TRUE(c.mounts[4].writable);
    EXPECT_EQ(c.mounts[5].host, dir() / "recipe");
    EXPECT_EQ(c.mounts[5].inside, "/build/recipe");
    EXPECT_FALSE(c.mounts[5].writable);
}

TEST_F(BwrapArgvTest, NoNetworkUnlessAskedFor) {
    EXPECT_TRUE(call(spec()).has("--unshare-net"));
    SandboxSpec online = spec();
    online.network = true;
    SandboxCall c = call(online);
    EXPECT_FALSE(c.has("--unshare-net"));
    for (const char* ns : {"--unshare-ipc", "--unshare-pid", "--unshare-uts", "--die-with-parent", "--new-session"}) {
        EXPECT_TRUE(c.has(ns)) << ns;
    }
}

TEST_F(BwrapArgvTest, BuildsRunUnprivilegedOnAReadOnlyRoot) {
    SandboxCall c = call(spec());
    EXPECT_TRUE(c.has("--unshare-user"));
    EXPECT_EQ(c.uid, "65534");
    EXPECT_EQ(c.gid, "65534");
    EXPECT_EQ(c.remount_ro, std::vector<std::string>{"/"});
    // / becomes read-only only after every mount point was made in it.
    int last_mount = 0;
    for (size_t i = 0; i < c.order.size(); ++i) {
        if (c.order[i] == "--bind" || c.order[i] == "--ro-bind" || c.order[i] == "--dir") last_mount = static_cast<int>(i);
    }
    EXPECT_GT(c.position("--remount-ro"), last_mount);
    EXPECT_EQ(c.dirs, std::vector<std::string>{"/home/build"});
}

TEST_F(BwrapArgvTest, AWritableRootIsTheWholeRootAsRoot) {
    SandboxSpec making = spec();
    making.writable_root = true;
    making.mounts.clear();
    SandboxCall c = call(making);
    ASSERT_EQ(c.mounts.size(), 1u);
    EXPECT_EQ(c.mounts[0].host, m_root);
    EXPECT_EQ(c.mounts[0].inside, "/");
    EXPECT_TRUE(c.mounts[0].writable);
    EXPECT_FALSE(c.has("--unshare-user"));
    EXPECT_EQ(c.uid, "");
    EXPECT_TRUE(c.remount_ro.empty());
    EXPECT_TRUE(c.symlinks.empty());
}

TEST_F(BwrapArgvTest, TheEnvironmentIsExactlyTheGivenOnePlusHome) {
    SandboxCall c = call(spec(), {{"PATH", "/usr/bin"}, {"CFLAGS", "-O2 -g"}});
    EXPECT_TRUE(c.has("--clearenv"));
    EXPECT_LT(c.position("--clearenv"), c.position("--setenv"));
    EXPECT_EQ(c.env, (util::Environment{{"PATH", "/usr/bin"}, {"CFLAGS", "-O2 -g"}, {"HOME", "/home/build"}}));
    SandboxCall own_home = call(spec(), {{"HOME", "/work"}});
    EXPECT_EQ(own_home.env, (util::Environment{{"HOME", "/work"}}));
    EXPECT_EQ(own_home.setenv_names, std::vector<std::string>{"HOME"});
    SandboxSpec other = spec();
    other.home = "/home/other";
    EXPECT_EQ(call(other, {}).env, (util::Environment{{"HOME", "/home/other"}}));
}

TEST_F(BwrapArgvTest, TheCommandRunsInItsDirectory) {
    SandboxCall c = call(spec());
    EXPECT_EQ(c.chdir, "/build/src");
    EXPECT_EQ(c.argv, (std::vector<std::string>{"make", "-j2"}));
    EXPECT_EQ(call(spec(), {}, "").chdir, "/");
}

TEST_F(BwrapArgvTest, TheSandboxedRunnerWrapsEveryCommand) {
    fakes::SandboxRecorder machine([](const util::Command&, const std::optional<SandboxCall>&) {
        util::ProcessResult r;
        r.exit_code = 3;
        return util::Expected<util::ProcessResult>(r);
    });
    SandboxedRunner runner(machine, spec());
    util::Command cmd{{"bash", "-c", "make"}, util::Environment{{"CC", "cc"}}, "/build/src", dir() / "log", "input",
                      std::chrono::seconds(7)};
    auto r = runner.run(cmd);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->exit_code, 3);  // the inner runner's result comes back as it is
    ASSERT_EQ(machine.commands().size(), 1u);
    const util::Command& outer = machine.commands()[0];
    EXPECT_EQ(outer.argv[0], "bwrap");
    EXPECT_EQ(outer.env, (util::Environment{{"PATH", "/usr/bin:/bin"}}));
    EXPECT_EQ(outer.cwd, "/");
    EXPECT_EQ(outer.log, dir() / "log");  // written by the parent, outside
    EXPECT_EQ(outer.input, "input");
    EXPECT_EQ(outer.timeout, std::chrono::seconds(7));
    ASSERT_EQ(machine.calls().size(), 1u);
    const SandboxCall& c = machine.calls()[0];
    EXPECT_EQ(c.argv, (std::vector<std::string>{"bash", "-c", "make"}));
    EXPECT_EQ(c.chdir, "/build/src");
    EXPECT_EQ(c.env, (util::Environment{{"CC", "cc"}, {"HOME", "/home/build"}}));
    ASSERT_NE(c.mount_at("/build/src"), nullptr);
    EXPECT_TRUE(c.mount_at("/build/src")->writable);
}

}  // namespace
}  // namespace wb::sandbox
