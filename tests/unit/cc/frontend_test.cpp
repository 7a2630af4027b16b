#include "cc/frontend.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "test_config.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cc {
namespace {

/// Sets environment variables for one test and restores them afterwards.
class ScopedEnv {
public:
    void set(const char* name, const char* value) {
        const char* old = std::getenv(name);
        m_saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
            if (it->second)
                ::setenv(it->first.c_str(), it->second->c_str(), 1);
            else
                ::unsetenv(it->first.c_str());
        }
    }

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

TEST(SettingsFromEnvironment, MissingConfigIsAUsageErrorThatSaysWhatToDo) {
    ScopedEnv env;
    env.set("WASM_CC_CONFIG", nullptr);
    auto settings = settings_from_environment();
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(settings.error().message.find("WASM_CC_CONFIG is not set"), std::string::npos);
    EXPECT_NE(settings.error().message.find("--probe"), std::string::npos);
}

TEST(SettingsFromEnvironment, ReadsConfigAndKnobs) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-env-test-");
    std::string path = (dir / "cc.conf").string();
    ASSERT_TRUE(util::write_file_atomic(path, testing::sample_config().to_text()));
    ScopedEnv env;
    env.set("WASM_CC_CONFIG", path.c_str());
    env.set("WASM_CC_EXTRA_CFLAGS", "  -I/prefix/include   -O2 ");
    env.set("WASM_CC_EXTRA_LDFLAGS", "-L/prefix/lib");
    env.set("WASM_CC_PYTHON_INCLUDE", "/py/Include::/py/build:");
    auto settings = settings_from_environment();
    ASSERT_TRUE(settings) << settings.error().message;
    EXPECT_EQ(settings->config.clang, "/opt/llvm/clang");
    EXPECT_EQ(settings->extra_cflags, (std::vector<std::string>{"-I/prefix/include", "-O2"}));
    EXPECT_EQ(settings->extra_ldflags, (std::vector<std::string>{"-L/prefix/lib"}));
    EXPECT_EQ(settings->python_include_dirs, (std::vector<std::string>{"/py/Include", "/py/build"}));
    util::remove_tree_quiet(dir);
}

}  // namespace
}  // namespace wb::cc
