#include "cc/driver_plan.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "test_config.hpp"

namespace wb::cc {
namespace {

using testing::FakeFileSystem;
using testing::with_abi;

class DriverPlanTest : public ::testing::Test {
protected:
    RunSettings settings{testing::sample_config(), {}, {}, {}};
    FakeFileSystem fs;

    CallPlan plan(Tool tool, const std::vector<std::string>& args) {
        return plan_driver_call(tool, args, settings, fs);
    }

    /// The words after the toolchain's flags and our defaults: what the user's command became.
    static std::vector<std::string> tail(const std::vector<std::string>& argv, size_t skip) {
        return {argv.begin() + static_cast<long>(std::min(skip, argv.size())), argv.end()};
    }
};

bool contains(const std::vector<std::string>& argv, const std::string& word) {
    return std::find(argv.begin(), argv.end(), word) != argv.end();
}

TEST_F(DriverPlanTest, CompileRunsClangWithEmccFlagsPicAndHiddenVisibility) {
    auto p = plan(Tool::Cc, {"-c", "a.c", "-o", "a.o", "-O2", "-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"});
    EXPECT_EQ(p.route, "clang");
    ASSERT_EQ(p.steps.size(), 1u);
    const auto& argv = p.steps[0].argv;
    std::vector<std::string> expected = {settings.config.clang};
    expected.insert(expected.end(), settings.config.cflags.begin(), settings.config.cflags.end());
    // The ABI's clang flag stays where it was, as emcc passes it; its setting is emcc's to absorb.
    expected.insert(expected.end(),
                    {"-fPIC", "-fvisibility=hidden", "-c", "a.c", "-o", "a.o", "-O2", "-fwasm-exceptions"});
    EXPECT_EQ(argv, expected);
    EXPECT_NE(p.notes.back().find("absorbed -sSUPPORT_LONGJMP=wasm"), std::string::npos);
}

TEST_F(DriverPlanTest, AbiSettingAsTwoWordsIsAbsorbedToo) {
    auto p = plan(Tool::Cc, {"-c", "a.c", "-s", "SUPPORT_LONGJMP=wasm", "-fwasm-exceptions"});
    EXPECT_EQ(p.route, "clang");
    EXPECT_FALSE(contains(p.steps[0].argv, "-s"));
    EXPECT_FALSE(contains(p.steps[0].argv, "SUPPORT_LONGJMP=wasm"));
}

TEST_F(DriverPlanTest, CompileWithoutTheAbiFlagsGoesToEmcc) {
    auto p = plan(Tool::Cc, {"-c", "a.c", "-o", "a.o"});
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1),
              (std::vector<std::string>{"-fPIC", "-fvisibility=hidden", "-c", "a.c", "-o", "a.o"}));
    EXPECT_NE(p.notes.back().find("lacks -fwasm-exceptions -sSUPPORT_LONGJMP=wasm"), std::string::npos)
        << p.notes.back();
}

TEST_F(DriverPlanTest, CompileWithAProbedSubsetOfTheAbiFlagsIsDirect) {
    EXPECT_EQ(plan(Tool::Cc, {"-c", "a.c", "-fwasm-exceptions"}).route, "clang");
    EXPECT_EQ(plan(Tool::Cc, {"-c", "a.c", "-sSUPPORT_LONGJMP=wasm"}).route, "emcc");  // not probed equal
    EXPECT_EQ(plan(Tool::Cc, {"-c", "a.c", "-fwasm-exceptions", "-fno-exceptions"}).route, "emcc");
}

TEST_F(DriverPlanTest, FlagsThatChangeEmccsClangFlagsGoToEmcc) {
    auto p = plan(Tool::Cc, with_abi({"-nostdinc", "-c", "a.c"}));
    EXPECT_EQ(p.route, "emcc");
    EXPECT_NE(p.notes.back().find("-nostdinc changes the clang flags"), std::string::npos);
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-fno-exceptions", "-c", "a.c"})).route, "clang");  // probed: no change
}

TEST_F(DriverPlanTest, FlagsEmccRewritesGoToEmcc) {
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-g2", "-c", "a.c"})).route, "emcc");
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-O4", "-c", "a.c"})).route, "emcc");
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-c", "a.s"})).route, "emcc");
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-g", "-O3", "-c", "a.S"})).route, "clang");
}

TEST_F(DriverPlanTest, AbiFlagsInExtraCflagsCount) {
    settings.extra_cflags = testing::sample_abi();
    auto p = plan(Tool::Cc, {"-c", "a.c"});
    EXPECT_EQ(p.route, "clang");
    EXPECT_EQ(p.steps[0].argv.back(), "-fwasm-exceptions");
}

TEST_F(DriverPlanTest, WithoutAbiFlagsInTheConfigPlainCallsAreDirect) {
    settings.config.abi_flags.clear();
    settings.config.abi_compile_subsets.clear();
    EXPECT_EQ(plan(Tool::Cc, {"-c", "a.c"}).route, "clang");
    EXPECT_EQ(plan(Tool::Cc, {"-c", "a.c", "-sSUPPORT_LONGJMP=wasm"}).route, "emcc");
}

TEST_F(DriverPlanTest, UserVisibilityWins) {
    auto p = plan(Tool::Cc, with_abi({"-fvisibility=default", "-c", "a.c"}));
    const auto& argv = p.steps[0].argv;
    EXPECT_FALSE(contains(argv, "-fvisibility=hidden"));
    EXPECT_EQ(argv.back(), "-fwasm-exceptions");
    EXPECT_TRUE(contains(argv, "-fPIC"));
}

TEST_F(DriverPlanTest, CxxDriverUsesClangxxAndCxxFlags) {
    auto p = plan(Tool::Cxx, with_abi({"-c", "b.cc"}));
    EXPECT_EQ(p.steps[0].argv.front(), settings.config.clangxx);
    EXPECT_TRUE(contains(p.steps[0].argv, "-DCXX_ONLY"));
    auto c_driver = plan(Tool::Cc, with_abi({"-c", "b.cpp"}));
    EXPECT_EQ(c_driver.steps[0].argv.front(), settings.config.clang);
    EXPECT_TRUE(contains(c_driver.steps[0].argv, "-DCXX_ONLY"));  // a C++ source gets the C++ flags
}

TEST_F(DriverPlanTest, HostIncludesNeverReachClang) {
    settings.python_include_dirs = {"/wasm/py/Include"};
    auto p = plan(Tool::Cc, {"-I/usr/include", "-I/usr/include/python3.11", "-march=x86-64", "-c", "m.c",
                             "-fwasm-exceptions"});
    EXPECT_EQ(tail(p.steps[0].argv, 1 + settings.config.cflags.size() + 2),
              (std::vector<std::string>{"-I/wasm/py/Include", "-c", "m.c", "-fwasm-exceptions"}));
    EXPECT_EQ(p.notes.size(), 3u);
}

TEST_F(DriverPlanTest, ExtraCflagsComeAfterTheUsersFlags) {
    settings.extra_cflags = {"-I/prefix/include", "-O3"};
    auto p = plan(Tool::Cc, {"-O0", "-c", "a.c", "-fwasm-exceptions"});
    const auto& argv = p.steps[0].argv;
    EXPECT_EQ(tail(argv, argv.size() - 6),
              (std::vector<std::string>{"-O0", "-c", "a.c", "-fwasm-exceptions", "-I/prefix/include", "-O3"}));
}

TEST_F(DriverPlanTest, EmscriptenSettingsSendACompileToEmcc) {
    auto p = plan(Tool::Cc, with_abi({"-sUSE_ZLIB=1", "-c", "a.c"}));
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(p.steps[0].argv.front(), settings.config.emcc);
    EXPECT_TRUE(contains(p.steps[0].argv, "-sUSE_ZLIB=1"));
    EXPECT_TRUE(contains(p.steps[0].argv, "-fPIC"));
    ASSERT_EQ(p.env_defaults.size(), 1u);
    EXPECT_EQ(p.env_defaults[0], (std::pair<std::string, std::string>{"NODE_PATH", "/usr/share/nodejs"}));
}

TEST_F(DriverPlanTest, SideModuleSettingDoesNotNeedEmccToCompile) {
    auto p = plan(Tool::Cc, with_abi({"-sSIDE_MODULE=1", "-c", "a.c"}));
    EXPECT_EQ(p.route, "clang");
    EXPECT_FALSE(contains(p.steps[0].argv, "-sSIDE_MODULE=1"));
    settings.config.compile_emcc_flags.push_back("-sSIDE_MODULE=1");  // as a probe would record it
    EXPECT_EQ(plan(Tool::Cc, with_abi({"-sSIDE_MODULE=1", "-c", "a.c"})).route, "emcc");
}

TEST_F(DriverPlanTest, QueriesAnsweredLikeTheWasmToolchain) {
    EXPECT_EQ(plan(Tool::Cc, {"--version"}).answer,
              "emcc (Emscripten gcc/clang-like replacement) 6.0.5 ()\nCopyright line\n");
    EXPECT_EQ(plan(Tool::Cc, {"-dumpmachine"}).answer, "wasm32-unknown-emscripten\n");
    EXPECT_EQ(plan(Tool::Cxx, {"-dumpversion"}).answer, "6.0.5\n");
    EXPECT_EQ(plan(Tool::Cc, {"-print-prog-name=ld"}).answer, "/opt/llvm/wasm-ld\n");
    EXPECT_EQ(plan(Tool::Cc, {"-print-prog-name=ar"}).answer, "/opt/llvm/llvm-ar\n");
    EXPECT_EQ(plan(Tool::Cc, {"-print-prog-name=cc1"}).route, "clang");
    auto dirs = plan(Tool::Cc, {"-print-search-dirs"});
    EXPECT_EQ(dirs.route, "clang");
    EXPECT_EQ(dirs.steps[0].argv.back(), "-print-search-dirs");
    EXPECT_TRUE(contains(dirs.steps[0].argv, "wasm32-unknown-emscripten"));
}

TEST_F(DriverPlanTest, ExecutableLinkGoesToEmcc) {
    auto p = plan(Tool::Cc, {"conftest.c", "-o", "conftest", "-L/usr/lib", "-lm"});
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1),
              (std::vector<std::string>{"-fPIC", "-fvisibility=hidden", "conftest.c", "-o", "conftest", "-lm"}));
}

TEST_F(DriverPlanTest, SharedLinkIsReplayedWithoutEmcc) {
    fs.add_wasm_object("a.o");
    fs.add_wasm_object("b.o");
    fs.files["deps/libz.a"] = "!<arch>\n";
    auto p = plan(Tool::Cc, with_abi({"-shared", "a.o", "b.o", "-Ldeps", "-lz", "-lm", "-O2", "-Wl,-rpath,/x", "-o",
                                      "m.so", "-sSIDE_MODULE=1"}));
    EXPECT_EQ(p.route, "side-link") << (p.notes.empty() ? "" : p.notes.back());
    ASSERT_EQ(p.steps.size(), 4u);
    // -lz stays -lz, as emcc passes it once libz.a is in a -L directory; -lm is dropped, as emcc does.
    EXPECT_EQ(p.steps[0].argv, (std::vector<std::string>{"/opt/llvm/wasm-ld", "-o", "m.so", "-Bdynamic", "a.o", "b.o",
                                                         "-Ldeps", "-lz", "-L/opt/em/sysroot/pic", "-shared"}));
    EXPECT_EQ(p.steps[1].inspect_module, "m.so");  // features for wasm-opt, EM_ASM check
    EXPECT_TRUE(p.steps[1].argv.empty());
    EXPECT_EQ(p.steps[2].argv, (std::vector<std::string>{"/opt/llvm/llvm-objcopy", "m.so", "m.so"}));
    EXPECT_EQ(p.steps[3].argv, (std::vector<std::string>{"/opt/bin/post", "O2", "m.so", k_features_placeholder}));
    EXPECT_TRUE(p.steps[2].discard_stdout);
    // The module may turn out to need emcc: the call emcc would get is ready.
    ASSERT_EQ(p.fallback.size(), 1u);
    EXPECT_EQ(p.fallback[0].argv,
              (std::vector<std::string>{"/opt/em/emcc", "-sSIDE_MODULE=1", "-shared", "a.o", "b.o", "-Ldeps", "-lz",
                                        "-lm", "-O2", "-o", "m.so", "-sSIDE_MODULE=1", "-fwasm-exceptions",
                                        "-sSUPPORT_LONGJMP=wasm"}));
}

TEST_F(DriverPlanTest, SharedLinkWithoutTheAbiFlagsGoesToEmcc) {
    fs.add_wasm_object("a.o");
    auto p = plan(Tool::Cc, {"-shared", "a.o", "-o", "m.so", "-fwasm-exceptions"});
    EXPECT_EQ(p.route, "emcc");
    EXPECT_NE(p.notes.back().find("lacks -sSUPPORT_LONGJMP=wasm"), std::string::npos) << p.notes.back();
}

TEST_F(DriverPlanTest, SharedLinkFallsBackToEmccWithSideModule) {
    fs.add_wasm_object("a.o");
    auto p = plan(Tool::Cc, with_abi({"-shared", "a.o", "-O3", "-o", "m.so"}));  // no O3 template in the sample
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1),
              (std::vector<std::string>{"-sSIDE_MODULE=1", "-shared", "a.o", "-O3", "-o", "m.so", "-fwasm-exceptions",
                                        "-sSUPPORT_LONGJMP=wasm"}));
    EXPECT_NE(p.notes.back().find("O3"), std::string::npos);
}

TEST_F(DriverPlanTest, SharedLinkOfSourcesGetsTheCompileDefaults) {
    auto p = plan(Tool::Cc, with_abi({"-shared", "m.c", "-o", "m.so"}));
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1),
              (std::vector<std::string>{"-sSIDE_MODULE=1", "-fPIC", "-fvisibility=hidden", "-shared", "m.c", "-o",
                                        "m.so", "-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"}));
}

TEST_F(DriverPlanTest, OutputNamedSoImpliesShared) {
    fs.files["a.o"] = "BC\xc0\xde";  // LLVM bitcode (-flto): emcc must link
    auto p = plan(Tool::Cc, {"a.o", "-o", "m.so"});
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1), (std::vector<std::string>{"-sSIDE_MODULE=1", "-shared", "a.o", "-o", "m.so"}));
}

TEST_F(DriverPlanTest, ExtraLdflagsJoinTheLink) {
    fs.add_wasm_object("a.o");
    fs.files["/prefix/lib/libjpeg.a"] = "!<arch>\n";
    settings.extra_ldflags = with_abi({"-L/prefix/lib"});
    auto p = plan(Tool::Cc, {"-shared", "a.o", "-ljpeg", "-o", "m.so"});
    ASSERT_EQ(p.route, "side-link") << p.notes.back();
    EXPECT_TRUE(contains(p.steps[0].argv, "-ljpeg"));
    EXPECT_TRUE(contains(p.steps[0].argv, "-L/prefix/lib"));
}

TEST(CppToDriverArgs, InputOutputAndLanguage) {
    EXPECT_EQ(cpp_to_driver_args({"-DX", "in.h", "out.i"}),
              (std::vector<std::string>{"-E", "-DX", "in.h", "-o", "out.i"}));
    EXPECT_EQ(cpp_to_driver_args({"-P", "Makefile.in"}),
              (std::vector<std::string>{"-E", "-P", "-x", "c", "Makefile.in"}));
    EXPECT_EQ(cpp_to_driver_args({"-dM"}), (std::vector<std::string>{"-E", "-dM", "-x", "c", "-"}));
}

TEST_F(DriverPlanTest, CppPreprocessesWithClangWhenTheProbeSaysSo) {
    // A configure script's cpp sees CPPFLAGS, not the ABI flags in CFLAGS: emcc's macros differ
    // (__wasm_exception_handling__), unless the probe found them equal.
    EXPECT_EQ(plan(Tool::Cpp, {"-dM"}).route, "emcc");
    settings.config.abi_preprocess_subsets = {""};
    auto p = plan(Tool::Cpp, {"-dM"});
    EXPECT_EQ(p.route, "clang");
    EXPECT_TRUE(contains(p.steps[0].argv, "-E"));
    EXPECT_EQ(p.steps[0].argv.back(), "-");
}

}  // namespace
}  // namespace wb::cc
