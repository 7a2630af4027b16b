#include "cc/driver_plan.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "test_config.hpp"

namespace wb::cc {
namespace {

using testing::FakeFileSystem;

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
    auto p = plan(Tool::Cc, {"-c", "a.c", "-o", "a.o", "-O2"});
    EXPECT_EQ(p.route, "clang");
    ASSERT_EQ(p.steps.size(), 1u);
    const auto& argv = p.steps[0].argv;
    std::vector<std::string> expected = {settings.config.clang};
    expected.insert(expected.end(), settings.config.cflags.begin(), settings.config.cflags.end());
    expected.insert(expected.end(), {"-fPIC", "-fvisibility=hidden", "-c", "a.c", "-o", "a.o", "-O2"});
    EXPECT_EQ(argv, expected);
}

TEST_F(DriverPlanTest, UserVisibilityWins) {
    auto p = plan(Tool::Cc, {"-fvisibility=default", "-c", "a.c"});
    const auto& argv = p.steps[0].argv;
    EXPECT_FALSE(contains(argv, "-fvisibility=hidden"));
    EXPECT_EQ(argv.back(), "a.c");
    EXPECT_TRUE(contains(argv, "-fPIC"));
}

TEST_F(DriverPlanTest, CxxDriverUsesClangxxAndCxxFlags) {
    auto p = plan(Tool::Cxx, {"-c", "b.cc"});
    EXPECT_EQ(p.steps[0].argv.front(), settings.config.clangxx);
    EXPECT_TRUE(contains(p.steps[0].argv, "-DCXX_ONLY"));
    auto c_driver = plan(Tool::Cc, {"-c", "b.cpp"});
    EXPECT_EQ(c_driver.steps[0].argv.front(), settings.config.clang);
    EXPECT_TRUE(contains(c_driver.steps[0].argv, "-DCXX_ONLY"));  // a C++ source gets the C++ flags
}

TEST_F(DriverPlanTest, HostIncludesNeverReachClang) {
    settings.python_include_dirs = {"/wasm/py/Include"};
    auto p = plan(Tool::Cc, {"-I/usr/include", "-I/usr/include/python3.11", "-march=x86-64", "-c", "m.c"});
    EXPECT_EQ(tail(p.steps[0].argv, 1 + settings.config.cflags.size() + 2),
              (std::vector<std::string>{"-I/wasm/py/Include", "-c", "m.c"}));
    EXPECT_EQ(p.notes.size(), 3u);
}

TEST_F(DriverPlanTest, ExtraCflagsComeAfterTheUsersFlags) {
    settings.extra_cflags = {"-I/prefix/include", "-O3"};
    auto p = plan(Tool::Cc, {"-O0", "-c", "a.c"});
    const auto& argv = p.steps[0].argv;
    EXPECT_EQ(tail(argv, argv.size() - 5), (std::vector<std::string>{"-O0", "-c", "a.c", "-I/prefix/include", "-O3"}));
}

TEST_F(DriverPlanTest, EmscriptenSettingsSendACompileToEmcc) {
    auto p = plan(Tool::Cc, {"-sUSE_ZLIB=1", "-c", "a.c"});
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(p.steps[0].argv.front(), settings.config.emcc);
    EXPECT_TRUE(contains(p.steps[0].argv, "-sUSE_ZLIB=1"));
    EXPECT_TRUE(contains(p.steps[0].argv, "-fPIC"));
    ASSERT_EQ(p.env_defaults.size(), 1u);
    EXPECT_EQ(p.env_defaults[0], (std::pair<std::string, std::string>{"NODE_PATH", "/usr/share/nodejs"}));
}

TEST_F(DriverPlanTest, SideModuleSettingDoesNotNeedEmccToCompile) {
    auto p = plan(Tool::Cc, {"-sSIDE_MODULE=1", "-c", "a.c"});
    EXPECT_EQ(p.route, "clang");
    EXPECT_FALSE(contains(p.steps[0].argv, "-sSIDE_MODULE=1"));
}

TEST_F(DriverPlanTest, QueriesAnsweredLikeTheWasmToolchain) {
    EXPECT_EQ(plan(Tool::Cc, {"--version"}).answer,
              "emcc (Emscripten gcc/clang-like replacement) 3.1.6 ()\nCopyright line\n");
    EXPECT_EQ(plan(Tool::Cc, {"-dumpmachine"}).answer, "wasm32-unknown-emscripten\n");
    EXPECT_EQ(plan(Tool::Cxx, {"-dumpversion"}).answer, "3.1.6\n");
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
    auto p = plan(Tool::Cc, {"-shared", "a.o", "b.o", "-Ldeps", "-lz", "-lm", "-O2", "-Wl,-rpath,/x", "-o", "m.so"});
    EXPECT_EQ(p.route, "side-link") << (p.notes.empty() ? "" : p.notes.back());
    ASSERT_EQ(p.steps.size(), 3u);
    EXPECT_EQ(p.steps[0].argv,
              (std::vector<std::string>{"/opt/llvm/wasm-ld", "-o", "m.so", "--whole-archive", "a.o", "b.o", "-Ldeps",
                                        "deps/libz.a", "-L/opt/em/sysroot/pic", "--no-whole-archive", "-shared"}));
    EXPECT_EQ(p.steps[1].argv, (std::vector<std::string>{"/opt/bin/finalize", "--side-module", "m.so", "-o", "m.so"}));
    EXPECT_EQ(p.steps[2].argv, (std::vector<std::string>{"/opt/bin/post", "O2", "m.so"}));
    EXPECT_TRUE(p.steps[1].discard_stdout);
}

TEST_F(DriverPlanTest, SharedLinkFallsBackToEmccWithSideModule) {
    fs.add_wasm_object("a.o");
    auto p = plan(Tool::Cc, {"-shared", "a.o", "-O3", "-o", "m.so"});  // no O3 template in the sample
    EXPECT_EQ(p.route, "emcc");
    EXPECT_EQ(tail(p.steps[0].argv, 1),
              (std::vector<std::string>{"-sSIDE_MODULE=1", "-shared", "a.o", "-O3", "-o", "m.so"}));
    EXPECT_NE(p.notes.back().find("O3"), std::string::npos);
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
    settings.extra_ldflags = {"-L/prefix/lib"};
    auto p = plan(Tool::Cc, {"-shared", "a.o", "-ljpeg", "-o", "m.so"});
    ASSERT_EQ(p.route, "side-link");
    EXPECT_TRUE(contains(p.steps[0].argv, "/prefix/lib/libjpeg.a"));
    EXPECT_TRUE(contains(p.steps[0].argv, "-L/prefix/lib"));
}

TEST(CppToDriverArgs, InputOutputAndLanguage) {
    EXPECT_EQ(cpp_to_driver_args({"-DX", "in.h", "out.i"}),
              (std::vector<std::string>{"-E", "-DX", "in.h", "-o", "out.i"}));
    EXPECT_EQ(cpp_to_driver_args({"-P", "Makefile.in"}),
              (std::vector<std::string>{"-E", "-P", "-x", "c", "Makefile.in"}));
    EXPECT_EQ(cpp_to_driver_args({"-dM"}), (std::vector<std::string>{"-E", "-dM", "-x", "c", "-"}));
}

TEST_F(DriverPlanTest, CppPreprocessesWithClang) {
    auto p = plan(Tool::Cpp, {"-dM"});
    EXPECT_EQ(p.route, "clang");
    EXPECT_TRUE(contains(p.steps[0].argv, "-E"));
    EXPECT_EQ(p.steps[0].argv.back(), "-");
}

}  // namespace
}  // namespace wb::cc
