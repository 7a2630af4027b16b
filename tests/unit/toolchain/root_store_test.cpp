#include <gtest/gtest.h>

#include <fstream>

#include "fakes/sandbox_recorder.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_toolchains.hpp"
#include "toolchain/root_store.hpp"

namespace wb::toolchain {
namespace {
namespace fs = std::filesystem;
using fakes::SandboxCall;

std::string dpkg_status(const std::vector<std::string>& packages) {
    std::string out;
    for (const auto& p : packages) {
        auto eq = p.find('=');
        out += "Package: " + p.substr(0, eq) + "\nStatus: install ok installed\nVersion: " + p.substr(eq + 1) + "\n\n";
    }
    return out;
}

/// A machine where debootstrap and apt do what they are asked (on the fake root's dpkg status
/// file), unless a test makes one of them fail or install something else.
class RootStoreTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        m_spec = fakes::make_toolchain("tc", {"base-files=14", "emscripten=6.0.5-1", "nodejs=24.1-1"});
        m_spec.apt_options = {"Acquire::Check-Valid-Until=false"};
        m_spec.prepare = {"emcc --version"};
        m_spec.identity = manifest_identity(m_spec.manifest, m_spec.prepare);
        m_store.emplace(store_dir(), m_machine);
        m_store->set_archive({"http://archive.test/debian", "/usr/share/keyrings/test.gpg"});
        m_machine.set_handler([this](const util::Command& cmd, const std::optional<SandboxCall>& call) {
            return answer(cmd, call);
        });
    }

    util::Expected<util::ProcessResult> answer(const util::Command& cmd, const std::optional<SandboxCall>& call) {
        m_saw_root_json = m_saw_root_json || root_json_anywhere();
        util::ProcessResult ok;
        if (!call) {  // debootstrap runs outside any sandbox
            fs::path target = cmd.argv.at(cmd.argv.size() - 2);
            write(target / "var/lib/dpkg/status", dpkg_status({"base-files=14"}));
            ok.exit_code = m_debootstrap_exit;
            return ok;
        }
        const auto& argv = call->argv;
        fs::path root = call->mount_at("/") ? call->mount_at("/")->host : fs::path();
        if (argv.size() > 1 && argv[0] == "apt-get" && argv[1] == "install") {
            if (!m_apt_error.empty()) {
                std::ofstream(cmd.log, std::ios::app) << m_apt_error << "\n";
                ok.exit_code = 100;
                return ok;
            }
            std::vector<std::string> pins;
            for (size_t i = 2; i < argv.size(); ++i) {
                if (!argv[i].starts_with("-")) pins.push_back(m_replace.count(argv[i]) ? m_replace[argv[i]] : argv[i]);
            }
            pins.insert(pins.end(), m_extra.begin(), m_extra.end());
            write(root / "var/lib/dpkg/status", dpkg_status(pins));
        }
        if (argv.size() > 1 && argv[0] == "bash" && argv[1] == "-euo") ok.exit_code = m_prepare_exit;
        return ok;
    }

    bool root_json_anywhere() const {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(store_dir(), ec); it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (it->path().filename() == "root.json") return true;
        }
        return false;
    }
    /// The store's entries besides lock files.
    std::vector<std::string> store_entries() const {
        std::vector<std::string> out;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(store_dir(), ec)) {
            if (e.path().extension() != ".lock") out.push_back(e.path().filename().string());
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    /// The sandboxed commands' argv, each as one string.
    std::vector<std::string> sandboxed() const {
        std::vector<std::string> out;
        for (const auto& c : m_machine.calls()) out.push_back(util::join(c.argv, " "));
        return out;
    }
    fs::path store_dir() const { return dir() / "toolchains"; }
    fs::path log() const { return dir() / "logs/tc.log"; }

    ToolchainSpec m_spec;
    fakes::SandboxRecorder m_machine;
    std::optional<RootStore> m_store;  ///< made in SetUp, once the directory exists
    bool m_saw_root_json = false;
    int m_debootstrap_exit = 0, m_prepare_exit = 0;
    std::string m_apt_error;
    std::map<std::string, std::string> m_replace;  ///< pin -> what apt installs instead
    std::vector<std::string> m_extra;              ///< installed besides the pins
};

TEST_F(RootStoreTest, EnsureBootstrapsFromTheArchiveAndInstallsExactlyTheLock) {
    auto root = m_store->ensure(m_spec, log());
    ASSERT_TRUE(root) << root.error().message;
    EXPECT_EQ(root->dir, store_dir() / ("tc-" + m_spec.short_id()));
    EXPECT_EQ(root->identity, m_spec.identity);

    const auto& boot = m_machine.commands().at(0).argv;
    ASSERT_EQ(boot.size(), 6u);
    EXPECT_EQ(std::vector<std::string>(boot.begin(), boot.begin() + 4),
              (std::vector<std::string>{"debootstrap", "--variant=minbase", "--keyring=/usr/share/keyrings/test.gpg",
                                        "sid"}));
    EXPECT_EQ(boot[5], "http://archive.test/debian");
    fs::path made_at = boot[4];
    EXPECT_EQ(made_at.parent_path().parent_path(), store_dir());  // a temporary directory, moved in at the end
    EXPECT_NE(made_at.parent_path(), root->dir);

    EXPECT_EQ(sandboxed(), (std::vector<std::string>{
                               "apt-get update -q",
                               "apt-get install -y -q --no-install-recommends --allow-downgrades base-files=14 "
                               "emscripten=6.0.5-1 nodejs=24.1-1",
                               "bash -euo pipefail -c emcc --version",
                               "bash -c apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*"}));
    for (size_t i = 0; i < m_machine.calls().size(); ++i) {
        const SandboxCall& c = m_machine.calls()[i];
        ASSERT_NE(c.mount_at("/"), nullptr);
        EXPECT_EQ(c.mount_at("/")->host, made_at);
        EXPECT_TRUE(c.mount_at("/")->writable);
        EXPECT_EQ(c.has("--unshare-net"), i >= 2) << sandboxed()[i];  // only apt reaches the network
    }
    EXPECT_EQ(read(root->root() / "etc/apt/apt.conf.d/90wasm-build"), "Acquire::Check-Valid-Until \"false\";\n");
    EXPECT_EQ(*installed_manifest(root->root()), m_spec.manifest);
    EXPECT_FALSE(m_saw_root_json);  // root.json comes last
    EXPECT_TRUE(fs::exists(root->dir / "root.json"));
    EXPECT_EQ(store_entries(), std::vector<std::string>{root->dir.filename().string()});
}

TEST_F(RootStoreTest, AFinishedRootIsFoundAndNotMadeAgain) {
    EXPECT_FALSE(m_store->find(m_spec));
    ASSERT_TRUE(m_store->ensure(m_spec, log()));
    size_t commands = m_machine.commands().size();
    auto found = m_store->find(m_spec);
    ASSERT_TRUE(found);
    auto again = m_store->ensure(m_spec, log());
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->dir, found->dir);
    EXPECT_EQ(m_machine.commands().size(), commands);
    auto listed = m_store->list();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].name, "tc");
    EXPECT_EQ(listed[0].identity, m_spec.identity);
}

TEST_F(RootStoreTest, NoKeyringArgumentWithoutAKeyring) {
    m_store->set_archive({"http://archive.test/debian", ""});
    ASSERT_TRUE(m_store->ensure(m_spec, log()));
    const auto& boot = m_machine.commands().at(0).argv;
    EXPECT_EQ(std::count_if(boot.begin(), boot.end(), [](const std::string& a) { return a.starts_with("--keyring"); }),
              0);
}

TEST_F(RootStoreTest, ARootThatDiffersFromTheLockIsRefused) {
    m_replace["emscripten=6.0.5-1"] = "emscripten=6.0.6-1";
    m_extra = {"libextra=2"};
    auto root = m_store->ensure(m_spec, log());
    ASSERT_FALSE(root);
    EXPECT_EQ(root.error().kind, util::ErrorKind::Build);
    const std::string& m = root.error().message;
    EXPECT_NE(m.find("toolchain tc: the new root differs from toolchains/tc.lock"), std::string::npos) << m;
    EXPECT_NE(m.find("emscripten: pinned 6.0.5-1, installed 6.0.6-1"), std::string::npos) << m;
    EXPECT_NE(m.find("libextra: installed 2, not in the lock"), std::string::npos) << m;
    EXPECT_FALSE(m_store->find(m_spec));
    EXPECT_TRUE(store_entries().empty());
}

TEST_F(RootStoreTest, AnUnservedPinSaysHowToRepin) {
    m_apt_error = "E: Version '6.0.5-1' for 'emscripten' was not found";
    auto root = m_store->ensure(m_spec, log());
    ASSERT_FALSE(root);
    EXPECT_EQ(root.error().kind, util::ErrorKind::Build);
    const std::string& m = root.error().message;
    EXPECT_NE(m.find("the archive (http://archive.test/debian) does not serve emscripten=6.0.5-1; nothing else was "
                     "taken in its place. Re-pin: change that version in toolchains/tc.yaml"),
              std::string::npos) << m;
    EXPECT_NE(m.find("`wasm-build toolchain lock tc`"), std::string::npos) << m;
    EXPECT_TRUE(store_entries().empty());
}

TEST_F(RootStoreTest, AnyFailedStepLeavesNoHalfRoot) {
    m_prepare_exit = 1;
    auto prepare = m_store->ensure(m_spec, log());
    ASSERT_FALSE(prepare);
    EXPECT_NE(prepare.error().message.find("prepare failed (exit 1); see " + log().string()), std::string::npos)
        << prepare.error().message;
    EXPECT_TRUE(store_entries().empty());
    EXPECT_FALSE(m_saw_root_json);

    m_prepare_exit = 0;
    m_debootstrap_exit = 1;
    auto boot = m_store->ensure(m_spec, log());
    ASSERT_FALSE(boot);
    EXPECT_NE(boot.error().message.find("toolchain tc: debootstrap of 'sid' from http://archive.test/debian failed "
                                        "(exit 1)"),
              std::string::npos) << boot.error().message;
    EXPECT_TRUE(store_entries().empty());
    EXPECT_FALSE(m_store->find(m_spec));
}

TEST_F(RootStoreTest, AToolchainWithoutALockIsNotMade) {
    m_spec.manifest.clear();
    m_spec.identity.clear();
    auto root = m_store->ensure(m_spec, log());
    ASSERT_FALSE(root);
    EXPECT_EQ(root.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(root.error().message.find("create it with `wasm-build toolchain lock tc`"), std::string::npos);
    EXPECT_TRUE(m_machine.commands().empty());
}

TEST_F(RootStoreTest, ResolvingALockInstallsOnlyThePinsAndKeepsNoRoot) {
    m_spec.packages = {"emscripten=6.0.5-1"};
    m_extra = {"nodejs=24.1-1"};  // a dependency apt chose
    auto manifest = m_store->resolve_manifest(m_spec, log());
    ASSERT_TRUE(manifest) << manifest.error().message;
    EXPECT_EQ(*manifest, (std::vector<std::string>{"emscripten=6.0.5-1", "nodejs=24.1-1"}));
    EXPECT_EQ(sandboxed().at(1), "apt-get install -y -q --no-install-recommends --allow-downgrades emscripten=6.0.5-1");
    EXPECT_TRUE(store_entries().empty());
}

TEST_F(RootStoreTest, GcKeepsTheRootsStillReferenced) {
    ToolchainSpec other = fakes::make_toolchain("tc", {"base-files=14", "emscripten=6.0.6-1"});
    auto kept = m_store->ensure(m_spec, log());
    auto dropped = m_store->ensure(other, log());
    ASSERT_TRUE(kept && dropped);
    ASSERT_NE(kept->dir, dropped->dir);
    auto removed = m_store->gc({m_spec.identity});
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].identity, other.identity);
    EXPECT_FALSE(fs::exists(dropped->dir));
    EXPECT_TRUE(fs::exists(kept->dir / "root.json"));
    EXPECT_TRUE(m_store->find(m_spec));
    EXPECT_FALSE(m_store->find(other));
    EXPECT_TRUE(m_store->gc({m_spec.identity}).empty());
}

}  // namespace
}  // namespace wb::toolchain
