#include <gtest/gtest.h>

#include "fakes/sandbox_recorder.hpp"
#include "fakes/temp_dir.hpp"
#include "toolchain/frontend_setup.hpp"

namespace wb::toolchain {
namespace {
namespace fs = std::filesystem;
using fakes::SandboxCall;

/// wasm-cc in a sandbox over the root: --probe writes the config, --install-shims the shims,
/// both into the directory mounted writable at the front end's place.
class FrontendSetupTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        fs::create_directories(dir() / "root/usr");
        write(dir() / "bin/wasm-cc", "binary");
        m_machine.set_handler([this](const util::Command&, const std::optional<SandboxCall>& call) {
            util::ProcessResult r;
            const auto* out = call ? call->mount_at(k_frontend_inside) : nullptr;
            if (!out || !out->writable) {
                r.exit_code = 99;
                return util::Expected<util::ProcessResult>(r);
            }
            if (call->argv.at(1) == "--probe") {
                write(out->host / "wasm-cc.conf", "probed\n");
                r.exit_code = m_probe_exit;
            } else if (call->argv.at(1) == "--install-shims") {
                write(out->host / "shims/cc", "shim\n");
            }
            return util::Expected<util::ProcessResult>(r);
        });
    }
    util::Expected<FrontendSetup> ensure() {
        return ensure_frontend(dir() / "frontend/abc", dir() / "root", dir() / "bin/wasm-cc", {}, m_machine);
    }

    fakes::SandboxRecorder m_machine;
    int m_probe_exit = 0;
};

TEST_F(FrontendSetupTest, ProbesInsideTheSandboxOnce) {
    auto setup = ensure();
    ASSERT_TRUE(setup) << setup.error().message;
    EXPECT_EQ(setup->dir, dir() / "frontend/abc");
    EXPECT_EQ(setup->wasm_cc, dir() / "bin/wasm-cc");
    EXPECT_EQ(read(setup->dir / "wasm-cc.conf"), "probed\n");
    EXPECT_EQ(read(setup->dir / "shims/cc"), "shim\n");
    ASSERT_EQ(m_machine.calls().size(), 2u);
    EXPECT_EQ(m_machine.calls()[0].argv, (std::vector<std::string>{k_wasm_cc_inside, "--probe",
                                                                   "/opt/wasm-build/frontend/wasm-cc.conf"}));
    EXPECT_EQ(m_machine.calls()[1].argv, (std::vector<std::string>{k_wasm_cc_inside, "--install-shims",
                                                                   "/opt/wasm-build/frontend/shims"}));
    const SandboxCall& c = m_machine.calls()[0];
    ASSERT_NE(c.mount_at(k_wasm_cc_inside), nullptr);
    EXPECT_EQ(c.mount_at(k_wasm_cc_inside)->host, dir() / "bin/wasm-cc");
    EXPECT_FALSE(c.mount_at(k_wasm_cc_inside)->writable);
    EXPECT_TRUE(c.has("--unshare-net"));
    EXPECT_EQ(c.mount_at("/usr")->host, dir() / "root/usr");

    auto again = ensure();
    ASSERT_TRUE(again);
    EXPECT_EQ(m_machine.calls().size(), 2u);  // made once
}

TEST_F(FrontendSetupTest, AFailedProbeLeavesNothing) {
    m_probe_exit = 1;
    auto setup = ensure();
    ASSERT_FALSE(setup);
    EXPECT_NE(setup.error().message.find("--probe /opt/wasm-build/frontend/wasm-cc.conf` failed in the toolchain "
                                         "root (exit 1)"),
              std::string::npos) << setup.error().message;
    EXPECT_FALSE(fs::exists(dir() / "frontend/abc"));
    for (const auto& e : fs::directory_iterator(dir() / "frontend")) {
        EXPECT_NE(e.path().filename().string().rfind(".probe-", 0), 0u) << e.path();
    }
}

TEST_F(FrontendSetupTest, AMissingFrontEndIsNamed) {
    fs::remove(dir() / "bin/wasm-cc");
    auto setup = ensure();
    ASSERT_FALSE(setup);
    EXPECT_NE(setup.error().message.find("compiler front end not found"), std::string::npos);
    EXPECT_TRUE(m_machine.commands().empty());
}

}  // namespace
}  // namespace wb::toolchain
