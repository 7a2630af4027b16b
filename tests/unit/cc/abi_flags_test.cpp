#include "cc/abi_flags.hpp"

#include <gtest/gtest.h>

#include "test_config.hpp"

namespace wb::cc {
namespace {

class AbiFlagsTest : public ::testing::Test {
protected:
    ToolchainConfig config = testing::sample_config();

    std::string compile(const std::vector<std::string>& argv, bool preprocess_only = false) {
        return AbiFlags(config).compile_reason(split_driver_args(argv), preprocess_only);
    }
    std::string link(const std::vector<std::string>& argv) {
        return AbiFlags(config).side_link_reason(split_driver_args(argv));
    }
};

TEST_F(AbiFlagsTest, AllTheAbiFlagsPlanACompile) {
    EXPECT_EQ(compile({"-c", "a.c", "-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"}), "");
    EXPECT_EQ(compile({"-sSUPPORT_LONGJMP=wasm", "-c", "a.c", "-fwasm-exceptions"}), "");  // any order
    EXPECT_EQ(compile({"-c", "a.c", "-fwasm-exceptions", "-s", "SUPPORT_LONGJMP=wasm"}), "");  // two words
    EXPECT_EQ(compile(testing::with_abi({"-c", "a.c", "-sSIDE_MODULE=1"})), "");
}

TEST_F(AbiFlagsTest, OtherSettingsAndMissingFlagsAreEmccs) {
    EXPECT_NE(compile(testing::with_abi({"-c", "a.c", "-sUSE_ZLIB=1"})).find("-sUSE_ZLIB=1"), std::string::npos);
    EXPECT_NE(compile(testing::with_abi({"-c", "a.c", "-sSUPPORT_LONGJMP=emscripten"})), "");
    EXPECT_NE(compile({"-c", "a.c"}).find("lacks -fwasm-exceptions -sSUPPORT_LONGJMP=wasm"), std::string::npos);
    EXPECT_NE(compile({"-c", "a.c", "-sSUPPORT_LONGJMP=wasm"}), "");
}

TEST_F(AbiFlagsTest, ProbedSubsets) {
    EXPECT_EQ(compile({"-c", "a.c", "-fwasm-exceptions"}), "");
    // … but not together with flags emcc reads as settings: the probe never compared that.
    EXPECT_NE(compile({"-c", "a.c", "-fwasm-exceptions", "-sSIDE_MODULE=1"}), "");
    // Preprocessing has its own list.
    EXPECT_NE(compile({"-E", "a.c"}, true), "");
    config.abi_preprocess_subsets = {""};
    EXPECT_EQ(compile({"-E", "a.c"}, true), "");
    EXPECT_NE(compile({"-c", "a.c"}, false), "");
}

TEST_F(AbiFlagsTest, FlagsTheProbeFoundChangingTheClangFlags) {
    EXPECT_NE(compile(testing::with_abi({"-c", "a.c", "-nostdinc"})), "");
    config.direct_compile = false;
    EXPECT_NE(compile(testing::with_abi({"-c", "a.c"})).find("compile check"), std::string::npos);
}

TEST_F(AbiFlagsTest, SideLinksNeedAllTheAbiFlags) {
    EXPECT_EQ(link(testing::with_abi({"-shared", "a.o", "-sSIDE_MODULE=1"})), "");
    EXPECT_NE(link({"-shared", "a.o", "-fwasm-exceptions"}).find("lacks -sSUPPORT_LONGJMP=wasm"), std::string::npos);
    EXPECT_NE(link(testing::with_abi({"-shared", "a.o", "-sEXPORT_ALL=1"})), "");
}

TEST_F(AbiFlagsTest, AConfigWithoutAbiFlags) {
    config.abi_flags.clear();
    config.abi_compile_subsets.clear();
    EXPECT_EQ(compile({"-c", "a.c"}), "");
    EXPECT_EQ(link({"-shared", "a.o"}), "");
    EXPECT_EQ(compile({"-c", "a.c", "-sSUPPORT_LONGJMP=wasm"}), "Emscripten setting -sSUPPORT_LONGJMP=wasm");
}

TEST_F(AbiFlagsTest, AbsorbedSettings) {
    AbiFlags abi(config);
    EXPECT_TRUE(abi.is_absorbed_setting(split_driver_args({"-sSUPPORT_LONGJMP=wasm"})[0]));
    EXPECT_TRUE(abi.is_absorbed_setting(split_driver_args({"-sSIDE_MODULE=1"})[0]));
    EXPECT_FALSE(abi.is_absorbed_setting(split_driver_args({"-fwasm-exceptions"})[0]));  // clang's too
    EXPECT_TRUE(abi.is_abi_arg(split_driver_args({"-fwasm-exceptions"})[0]));
}

TEST(ProperSubsets, AllButTheWhole) {
    auto abi = split_driver_args({"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"});
    std::vector<std::string> keys;
    for (const auto& subset : proper_subsets(abi)) keys.push_back(subset_key(subset));
    EXPECT_EQ(keys, (std::vector<std::string>{"", "-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"}));
    EXPECT_TRUE(proper_subsets(split_driver_args({"-a", "-b", "-c", "-d", "-e"})).empty());
}

}  // namespace
}  // namespace wb::cc
