#include "cc/toolchain_config.hpp"

#include <gtest/gtest.h>

#include "test_config.hpp"

namespace wb::cc {
namespace {

TEST(ToolchainConfig, RoundTrip) {
    ToolchainConfig c = testing::sample_config();
    auto parsed = ToolchainConfig::parse(c.to_text(), "test.conf");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->clang, c.clang);
    EXPECT_EQ(parsed->cflags, c.cflags);
    EXPECT_EQ(parsed->cxxflags, c.cxxflags);
    EXPECT_EQ(parsed->version_text, c.version_text);
    EXPECT_EQ(parsed->tools, c.tools);
    EXPECT_EQ(parsed->system_libs, c.system_libs);
    EXPECT_EQ(parsed->side_link_cxx, c.side_link_cxx);
    EXPECT_EQ(parsed->abi_flags, c.abi_flags);
    EXPECT_EQ(parsed->abi_compile_subsets, c.abi_compile_subsets);
    EXPECT_EQ(parsed->compile_emcc_flags, c.compile_emcc_flags);
    EXPECT_EQ(parsed->direct_compile, c.direct_compile);
    ASSERT_EQ(parsed->side_links.size(), c.side_links.size());
    for (const auto& [variant, tmpl] : c.side_links) EXPECT_EQ(parsed->side_links.at(variant).steps, tmpl.steps);
    EXPECT_EQ(parsed->identity, c.compute_identity());
}

TEST(ToolchainConfig, IdentityFollowsContent) {
    ToolchainConfig a = testing::sample_config();
    ToolchainConfig b = a;
    EXPECT_EQ(a.compute_identity(), b.compute_identity());
    b.cflags.push_back("-DOTHER");
    EXPECT_NE(a.compute_identity(), b.compute_identity());
    ToolchainConfig c = a;
    c.abi_flags.pop_back();  // another flavour of the same toolchain
    EXPECT_NE(a.compute_identity(), c.compute_identity());
}

TEST(ToolchainConfig, ValuesMayContainEquals) {
    std::string text = "format=2\nemcc=/e\nclang=/c\ncflag=-D__X__=3\n";
    auto parsed = ToolchainConfig::parse(text, "x.conf");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->cflags, (std::vector<std::string>{"-D__X__=3"}));
}

TEST(ToolchainConfig, ErrorsNameFileAndLine) {
    auto bad_line = ToolchainConfig::parse("format=2\n# comment\nno equals sign\n", "cc.conf");
    ASSERT_FALSE(bad_line);
    EXPECT_NE(bad_line.error().message.find("cc.conf:3"), std::string::npos) << bad_line.error().message;
    EXPECT_EQ(bad_line.error().kind, util::ErrorKind::Usage);

    auto unknown = ToolchainConfig::parse("format=2\nbogus=1\n", "cc.conf");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("cc.conf:2: unknown key 'bogus'"), std::string::npos);

    auto old_format = ToolchainConfig::parse("format=1\n", "cc.conf");
    ASSERT_FALSE(old_format);
    EXPECT_NE(old_format.error().message.find("--probe"), std::string::npos);

    auto not_config = ToolchainConfig::parse("emcc=/e\n", "cc.conf");
    ASSERT_FALSE(not_config);
    auto incomplete = ToolchainConfig::parse("format=2\nemcc=/e\n", "cc.conf");
    ASSERT_FALSE(incomplete);

    auto gap = ToolchainConfig::parse("format=2\nemcc=/e\nclang=/c\ncflag=x\nside_link.O0.1=ld\n", "cc.conf");
    ASSERT_FALSE(gap);
    EXPECT_NE(gap.error().message.find("cc.conf:5"), std::string::npos);
}

TEST(ToolchainConfig, EmptySubsetRoundTrips) {
    ToolchainConfig c = testing::sample_config();
    c.abi_preprocess_subsets = {"", "-sSUPPORT_LONGJMP=wasm"};
    c.direct_compile = false;
    auto parsed = ToolchainConfig::parse(c.to_text(), "test.conf");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->abi_preprocess_subsets, c.abi_preprocess_subsets);
    EXPECT_FALSE(parsed->direct_compile);
}

TEST(ToolchainConfig, MissingFileIsAUsageError) {
    auto missing = load_toolchain_config("/nonexistent/wasm-cc.conf");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(missing.error().message.find("/nonexistent/wasm-cc.conf"), std::string::npos);
}

}  // namespace
}  // namespace wb::cc
