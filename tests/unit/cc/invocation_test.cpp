#include "cc/invocation.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

Invocation classify(const std::vector<std::string>& argv, bool cxx_driver = false) {
    return Invocation::classify(cxx_driver, split_driver_args(argv));
}

TEST(Invocation, CompileModes) {
    EXPECT_EQ(classify({"-c", "a.c"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-S", "a.c"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-E", "a.c"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-dM", "-E", "-"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-MM", "a.c"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-fsyntax-only", "a.c"}).mode, Mode::Compile);
    EXPECT_EQ(classify({"-MD", "a.c", "-o", "a"}).mode, Mode::Link);  // -MD does not stop before linking
}

TEST(Invocation, QueriesHaveNoInputs) {
    EXPECT_EQ(classify({"--version"}).mode, Mode::Query);
    EXPECT_EQ(classify({"-print-search-dirs"}).mode, Mode::Query);
    EXPECT_EQ(classify({}).mode, Mode::Query);
}

TEST(Invocation, LinkKinds) {
    EXPECT_EQ(classify({"a.o", "-o", "a"}).link_kind, LinkKind::Executable);
    EXPECT_EQ(classify({"-shared", "a.o", "-o", "x"}).link_kind, LinkKind::Shared);
    EXPECT_EQ(classify({"a.o", "-o", "m.cpython-311-wasm32-emscripten.so"}).link_kind, LinkKind::Shared);
    EXPECT_EQ(classify({"a.o", "-o", "libz.so.1.2.13"}).link_kind, LinkKind::Shared);
    EXPECT_EQ(classify({"a.o", "-o", "x.so.d/a"}).link_kind, LinkKind::Executable);
    EXPECT_EQ(classify({"-r", "a.o", "b.o", "-o", "c.o"}).link_kind, LinkKind::Relocatable);
}

TEST(Invocation, Language) {
    EXPECT_FALSE(classify({"-c", "a.c"}).cxx);
    EXPECT_TRUE(classify({"-c", "a.cpp"}).cxx);
    EXPECT_TRUE(classify({"-c", "a.c"}, true).cxx);
    EXPECT_TRUE(classify({"-x", "c++", "-c", "a.inc"}).cxx);
    EXPECT_FALSE(classify({"-x", "c", "-c", "a.cc"}).cxx);
}

TEST(Invocation, SourcesOutputsAndVisibility) {
    auto inv = classify({"conftest.c", "-o", "conftest", "-fvisibility=default", "-lm"});
    EXPECT_TRUE(inv.has_sources);
    EXPECT_TRUE(inv.has_visibility);
    EXPECT_EQ(inv.output, "conftest");
    EXPECT_EQ(inv.operands, (std::vector<std::string>{"conftest.c"}));
    EXPECT_FALSE(classify({"a.o", "b.a", "-o", "x.so"}).has_sources);
}

TEST(Invocation, EmscriptenOnlyOptionsNeedEmcc) {
    EXPECT_NE(classify({"--js-library", "x.js", "a.o"}).needs_emcc, "");
    EXPECT_NE(classify({"--pre-js=x.js", "a.o"}).needs_emcc, "");
    EXPECT_EQ(classify({"-s", "-c", "a.c"}).needs_emcc, "");
    EXPECT_EQ(classify({"-static", "-std=c99", "-c", "a.c"}).needs_emcc, "");
    // Settings are judged against the probed ABI flags (abi_flags.hpp), not here.
    EXPECT_EQ(classify({"-sUSE_PTHREADS=1", "-c", "a.c"}).needs_emcc, "");
}

TEST(Invocation, FlagsEmccRewritesForClangNeedEmcc) {
    for (const char* flag : {"-g1", "-g2", "-g4", "-gsource-map", "-gseparate-dwarf", "-O4", "-O10"}) {
        EXPECT_NE(classify({flag, "-c", "a.c"}).needs_emcc, "") << flag;
    }
    for (const char* flag : {"-g", "-g0", "-g3", "-gdwarf-5", "-O0", "-O3", "-Os", "-Oz", "-Ofast"}) {
        EXPECT_EQ(classify({flag, "-c", "a.c"}).needs_emcc, "") << flag;
    }
}

TEST(Invocation, AssemblyOnlyCompilesNeedEmcc) {
    EXPECT_NE(classify({"-c", "a.s"}).needs_emcc, "");
    EXPECT_EQ(classify({"-c", "a.S"}).needs_emcc, "");  // emcc preprocesses .S with its full flags
    EXPECT_EQ(classify({"a.s", "-o", "x"}).needs_emcc, "");
}

TEST(Invocation, PreprocessOnly) {
    EXPECT_TRUE(classify({"-E", "a.c"}).preprocess_only);
    EXPECT_TRUE(classify({"-MM", "a.c"}).preprocess_only);
    EXPECT_FALSE(classify({"-c", "-MD", "a.c"}).preprocess_only);
}

TEST(SharedLibraryName, Examples) {
    EXPECT_TRUE(is_shared_library_name("x.so"));
    EXPECT_TRUE(is_shared_library_name("dir/libx.so.1"));
    EXPECT_FALSE(is_shared_library_name("x.so.map"));
    EXPECT_FALSE(is_shared_library_name("x.o"));
}

}  // namespace
}  // namespace wb::cc
