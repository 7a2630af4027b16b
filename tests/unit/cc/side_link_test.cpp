#include "cc/side_link.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "test_config.hpp"

namespace wb::cc {
namespace {

class SideLinkTest : public ::testing::Test {
protected:
    ToolchainConfig config = testing::sample_config();
    testing::FakeFileSystem fs;

    void SetUp() override {
        fs.add_wasm_object("a.o");
        fs.files["libdep.a"] = "!<arch>\n";
    }

    /// The call with the sample's ABI flags (as every Pyodide link has them).
    SideLinkDecision decide(const std::vector<std::string>& argv, bool cxx = false) {
        auto args = split_driver_args(testing::with_abi(argv));
        return plan_direct_side_link(args, Invocation::classify(cxx, args), config, fs);
    }
};

TEST_F(SideLinkTest, TypicalDistutilsLinkIsDirect) {
    auto d = decide({"-shared", "-fPIC", "-O2", "-g0", "-Wall", "-DNDEBUG", "-I/x", "-fwrapv", "-std=c99", "a.o",
                     "libdep.a", "-o", "build/m.cpython-311-wasm32-emscripten.so"});
    EXPECT_EQ(d.fallback_reason, "");
    ASSERT_EQ(d.steps.size(), 4u);
    EXPECT_EQ(d.steps[3].argv[1], "O2");
}

TEST_F(SideLinkTest, DebugInfoSelectsItsOwnVariant) {
    auto d = decide({"-shared", "-g", "a.o", "-o", "m.so"});
    ASSERT_EQ(d.fallback_reason, "");
    EXPECT_EQ(d.steps[3].argv[1], "O0+g");
    EXPECT_NE(decide({"-shared", "-g2", "a.o", "-o", "m.so"}).fallback_reason, "");
}

TEST_F(SideLinkTest, LastOptimisationLevelWins) {
    auto d = decide({"-shared", "-O2", "-O0", "a.o", "-o", "m.so"});
    ASSERT_EQ(d.fallback_reason, "");
    EXPECT_EQ(d.steps[3].argv[1], "O0");
}

TEST_F(SideLinkTest, LibrariesPassOnLikeEmcc) {
    fs.files["d2/libq.a"] = "!<arch>\n";
    // emcc passes -lq on once libq.a is in a -L directory, and drops the libraries musl has in libc.
    auto d = decide({"-shared", "a.o", "-Ld1", "-Ld2", "-lq", "-lpthread", "-ldl", "-lstdc++", "-o", "m.so"});
    ASSERT_EQ(d.fallback_reason, "");
    EXPECT_EQ(d.steps[0].argv, (std::vector<std::string>{"/opt/llvm/wasm-ld", "-o", "m.so", "-Bdynamic", "a.o", "-Ld1",
                                                         "-Ld2", "-lq", "-L/opt/em/sysroot/pic", "-shared"}));
}

TEST_F(SideLinkTest, ASharedLibraryAnywhereIsEmccs) {
    // wasm-ld -Bdynamic takes d1/libq.so before d2/libq.a.
    fs.files["d1/libq.so"] = "\0asm";
    fs.files["d2/libq.a"] = "!<arch>\n";
    EXPECT_NE(decide({"-shared", "a.o", "-Ld1", "-Ld2", "-lq", "-o", "m.so"}).fallback_reason, "");
}

TEST_F(SideLinkTest, GroupsAreDroppedAsEmccDrops) {
    auto d = decide({"-shared", "-Wl,--start-group", "a.o", "libdep.a", "-Wl,--end-group", "-o", "m.so"});
    ASSERT_EQ(d.fallback_reason, "");
    EXPECT_EQ(std::count(d.steps[0].argv.begin(), d.steps[0].argv.end(), "--start-group"), 0);
    EXPECT_NE(decide({"-shared", "-Wl,-(", "a.o", "-Wl,-)", "-o", "m.so"}).fallback_reason, "");
}

TEST_F(SideLinkTest, AbiFlagsAreRequired) {
    auto args = split_driver_args({"-shared", "a.o", "-o", "m.so"});
    auto d = plan_direct_side_link(args, Invocation::classify(false, args), config, fs);
    EXPECT_NE(d.fallback_reason.find("lacks"), std::string::npos) << d.fallback_reason;
}

TEST_F(SideLinkTest, CasesLeftToEmcc) {
    fs.files["d/libs.so"] = "\0asm";
    fs.files["bitcode.o"] = "BC\xc0\xde";
    EXPECT_NE(decide({"-shared", "a.o", "-Ld", "-ls", "-o", "m.so"}).fallback_reason, "");      // shared lib
    EXPECT_NE(decide({"-shared", "a.o", "-lmissing", "-o", "m.so"}).fallback_reason, "");       // not found
    EXPECT_NE(decide({"-shared", "a.o", "-lGL", "-o", "m.so"}).fallback_reason, "");            // system lib
    EXPECT_NE(decide({"-shared", "bitcode.o", "-o", "m.so"}).fallback_reason, "");              // LTO object
    EXPECT_NE(decide({"-shared", "a.o", "-sEXPORT_ALL=1", "-o", "m.so"}).fallback_reason, "");  // setting
    EXPECT_NE(decide({"-shared", "a.o", "-flto", "-o", "m.so"}).fallback_reason, "");           // unknown -f
    EXPECT_NE(decide({"-shared", "a.o", "-fexceptions", "-o", "m.so"}).fallback_reason, "");
    EXPECT_NE(decide({"-shared", "a.o", "-s", "-o", "m.so"}).fallback_reason, "");             // strip-all
    EXPECT_NE(decide({"-shared", "a.o", "-lembind", "-o", "m.so"}).fallback_reason, "");       // a JS library
    EXPECT_NE(decide({"-shared", "a.o", "-Wl,--no-entry", "-o", "m.so"}).fallback_reason, "");  // unknown piece
    EXPECT_NE(decide({"-shared", "m.c", "-o", "m.so"}).fallback_reason, "");                    // a source
    EXPECT_NE(decide({"-shared", "a.o", "-o", "libm.so.1"}).fallback_reason, "");               // output name
    EXPECT_NE(decide({"-shared", "a.o"}).fallback_reason, "");                                  // no -o
}

TEST_F(SideLinkTest, SideModuleSettingAndPassthroughPiecesAreAccepted) {
    auto d = decide({"-shared", "-sSIDE_MODULE=1", "-Wl,--whole-archive,libdep.a,--no-whole-archive",
                     "-Wl,--export=PyInit_m", "a.o", "-o", "m.so"});
    ASSERT_EQ(d.fallback_reason, "");
    const auto& argv = d.steps[0].argv;
    EXPECT_EQ(
        std::vector<std::string>(argv.begin() + 4, argv.begin() + 9),
        (std::vector<std::string>{"--whole-archive", "libdep.a", "--no-whole-archive", "--export=PyInit_m", "a.o"}));
}

TEST_F(SideLinkTest, CxxNeedsTheProbesBlessing) {
    EXPECT_EQ(decide({"-shared", "a.o", "-o", "m.so"}, true).fallback_reason, "");
    config.side_link_cxx = false;
    EXPECT_NE(decide({"-shared", "a.o", "-o", "m.so"}, true).fallback_reason, "");
}

TEST(ExpandSideLinkTemplate, ReplacesPlaceholdersAndReadsTheModuleAfterTheLink) {
    SideLinkTemplate t;
    t.steps = {{"ld", "-o", k_output_placeholder, k_inputs_placeholder, "-x"}, {"post", k_output_placeholder}};
    auto steps = expand_side_link_template(t, {"a.o", "b.a"}, "out.so");
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].argv, (std::vector<std::string>{"ld", "-o", "out.so", "a.o", "b.a", "-x"}));
    EXPECT_EQ(steps[1].inspect_module, "out.so");
    EXPECT_EQ(steps[2].argv, (std::vector<std::string>{"post", "out.so"}));
}

TEST(ExpandSideLinkTemplate, AFinalizeStepReportsInstead) {
    SideLinkTemplate t;  // Emscripten 3.1
    t.steps = {{"ld", "-o", k_output_placeholder, k_inputs_placeholder},
               {"/usr/bin/wasm-emscripten-finalize", k_output_placeholder}};
    auto steps = expand_side_link_template(t, {"a.o"}, "out.so");
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_TRUE(steps[1].reads_metadata);
}

}  // namespace
}  // namespace wb::cc
