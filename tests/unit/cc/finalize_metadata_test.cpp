#include "cc/finalize_metadata.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "cc/launcher.hpp"
#include "cc/toolchain_config.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cc {
namespace {

TEST(FinalizeMetadata, FeaturesAndEmscriptenJs) {
    auto plain = FinalizeMetadata::parse(
        R"({"declares":["strlen"],"features":["--enable-mutable-globals","--enable-simd"],"invokeFuncs":[]})", "t");
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_EQ(plain->binaryen_feature_flags(),
              (std::vector<std::string>{"--mvp-features", "--enable-mutable-globals", "--enable-simd"}));
    EXPECT_EQ(plain->side_module_error(), "");

    auto em_asm = FinalizeMetadata::parse(R"({"asmConsts":{"1024":"{ return 1; }"},"features":[]})", "t");
    ASSERT_TRUE(em_asm);
    EXPECT_NE(em_asm->side_module_error().find("EM_ASM"), std::string::npos);
    auto em_js = FinalizeMetadata::parse(R"({"emJsFuncs":{"f":"(int x)<::>{}"},"asmConsts":{}})", "t");
    ASSERT_TRUE(em_js);
    EXPECT_NE(em_js->side_module_error().find("EM_JS"), std::string::npos);
}

TEST(FinalizeMetadata, RejectsWhatIsNotMetadata) {
    auto garbage = FinalizeMetadata::parse("warning: something\n{", "wasm-emscripten-finalize");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("wasm-emscripten-finalize"), std::string::npos);
    EXPECT_FALSE(FinalizeMetadata::parse(R"({"features":"--enable-simd"})", "t"));
    EXPECT_FALSE(FinalizeMetadata::parse(R"({"features":[1]})", "t"));
    EXPECT_FALSE(FinalizeMetadata::parse("[]", "t"));
}

/// A stand-in wasm-emscripten-finalize printing the given metadata.
class RunStepsTest : public ::testing::Test {
protected:
    std::filesystem::path dir;
    void SetUp() override { dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-steps-test-"); }
    void TearDown() override { util::remove_tree_quiet(dir); }

    std::string fake_finalize(const std::string& json) {
        std::string path = (dir / k_finalize_program).string();
        EXPECT_TRUE(util::write_file_atomic(path, "#!/bin/sh\ncat <<'EOF'\n" + json + "\nEOF\n"));
        ::chmod(path.c_str(), 0755);
        return path;
    }

    std::vector<Step> steps(const std::string& finalize) {
        std::string trace = (dir / "trace").string();
        Step first{{finalize}, true, true};
        Step second{{"/bin/sh", "-c", "echo \"$@\" > " + trace, "sh", k_features_placeholder, "out.so"}, true, false};
        return {first, second};
    }
};

TEST_F(RunStepsTest, FeaturesReachTheLaterSteps) {
    auto finalize = fake_finalize(R"({"features":["--enable-simd","--enable-bulk-memory"]})");
    EXPECT_EQ(run_steps(steps(finalize)), 0);
    EXPECT_EQ(*util::read_file(dir / "trace"), "--mvp-features --enable-simd --enable-bulk-memory out.so\n");
}

TEST_F(RunStepsTest, EmAsmStopsTheLinkLikeEmcc) {
    auto finalize = fake_finalize(R"({"asmConsts":{"8":"{ return 0; }"},"features":[]})");
    EXPECT_EQ(run_steps(steps(finalize)), 1);
    EXPECT_FALSE(std::filesystem::exists(dir / "trace"));
}

TEST_F(RunStepsTest, PlaceholderWithoutMetadataIsAnInternalError) {
    Step lone{{"/bin/echo", k_features_placeholder}, true, false};
    EXPECT_EQ(run_steps({lone}), 3);
}

}  // namespace
}  // namespace wb::cc
