#include "cc/host_filter.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

std::vector<std::string> filter(const std::vector<std::string>& argv, HostFilterOptions options = {},
                                std::vector<std::string>* notes = nullptr) {
    auto result = filter_host_args(split_driver_args(argv), options);
    if (notes) *notes = result.notes;
    return join_driver_args(result.args);
}

TEST(HostPaths, HostDirectories) {
    HostPaths host({"/usr/lib/emscripten"});
    EXPECT_TRUE(host.is_host_dir("/usr/include"));
    EXPECT_TRUE(host.is_host_dir("/usr/include/"));
    EXPECT_TRUE(host.is_host_dir("/usr/include/libxml2"));
    EXPECT_TRUE(host.is_host_dir("/usr/local/include"));
    EXPECT_TRUE(host.is_host_dir("/usr/lib/x86_64-linux-gnu"));
    EXPECT_TRUE(host.is_host_dir("/usr/local/lib"));
    EXPECT_TRUE(host.is_host_dir("/lib"));
    EXPECT_TRUE(host.is_host_dir("//usr/./include/../lib"));
    EXPECT_FALSE(host.is_host_dir("/usr/libexec"));
    EXPECT_FALSE(host.is_host_dir("/usr/share/emscripten/cache/sysroot/include"));
    EXPECT_FALSE(host.is_host_dir("/usr/lib/emscripten/system/include"));  // the toolchain's own
    EXPECT_FALSE(host.is_host_dir("include"));
    EXPECT_FALSE(host.is_host_dir("/work/prefix/include"));
}

TEST(HostPaths, PythonIncludesAndLibraries) {
    HostPaths host;
    EXPECT_TRUE(host.is_python_include("/usr/include/python3.11"));
    EXPECT_TRUE(host.is_python_include("/usr/include/x86_64-linux-gnu/python3.11d"));
    EXPECT_TRUE(host.is_python_include("/usr/local/include/python3.12/"));
    EXPECT_FALSE(host.is_python_include("/usr/include/pythonista"));
    EXPECT_FALSE(host.is_python_include("/work/cpython/Include/python3.11"));
    EXPECT_TRUE(host.is_host_library_file("/usr/lib/x86_64-linux-gnu/libz.so"));
    EXPECT_TRUE(host.is_host_library_file("/usr/lib/x86_64-linux-gnu/libz.so.1.2.13"));
    EXPECT_TRUE(host.is_host_library_file("/usr/lib/x86_64-linux-gnu/crt1.o"));
    EXPECT_FALSE(host.is_host_library_file("/usr/include/zlib.h"));
    EXPECT_FALSE(host.is_host_library_file("/work/prefix/lib/libz.a"));
}

TEST(FilterHostArgs, DropsHostIncludeAndLibraryDirs) {
    std::vector<std::string> notes;
    auto out = filter({"-I/usr/include", "-I", "/usr/local/include", "-Iinclude", "-isystem", "/usr/include/libxml2",
                       "-L/usr/lib/x86_64-linux-gnu", "-L", "/work/prefix/lib", "-c", "a.c"},
                      {}, &notes);
    EXPECT_EQ(out, (std::vector<std::string>{"-Iinclude", "-L", "/work/prefix/lib", "-c", "a.c"}));
    EXPECT_EQ(notes.size(), 4u);
}

TEST(FilterHostArgs, RewritesHostPythonIncludeOnce) {
    HostFilterOptions options;
    options.python_include_dirs = {"/wasm/python/Include", "/wasm/python/build"};
    auto out =
        filter({"-I/usr/include/python3.11", "-I/usr/include/x86_64-linux-gnu/python3.11", "-c", "m.c"}, options);
    EXPECT_EQ(out, (std::vector<std::string>{"-I/wasm/python/Include", "-I/wasm/python/build", "-c", "m.c"}));
}

TEST(FilterHostArgs, DropsHostPythonIncludeWithoutReplacement) {
    std::vector<std::string> notes;
    auto out = filter({"-isystem", "/usr/include/python3.11", "-c", "m.c"}, {}, &notes);
    EXPECT_EQ(out, (std::vector<std::string>{"-c", "m.c"}));
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find("WASM_CC_PYTHON_INCLUDE"), std::string::npos);
}

TEST(FilterHostArgs, DropsMachineAndHardeningFlags) {
    auto out = filter({"-march=native", "-mtune=generic", "-m64", "-msse4.2", "-mavx2", "-mfpmath=sse",
                       "-fstack-protector-strong", "-fcf-protection", "-fcf-protection=full", "-pthread", "-fno-plt",
                       "-specs=/usr/share/dpkg/no-pie-compile.specs", "-flto=auto", "-flto=8", "-ffat-lto-objects",
                       "-fPIE", "-O2", "-c", "a.c"});
    EXPECT_EQ(out, (std::vector<std::string>{"-O2", "-c", "a.c"}));
}

TEST(FilterHostArgs, KeepsWasmFlags) {
    std::vector<std::string> argv = {"-msimd128",
                                     "-mno-bulk-memory",
                                     "-mllvm",
                                     "-disable-lsr",
                                     "-flto=thin",
                                     "-flto",
                                     "-fvisibility=default",
                                     "-MD",
                                     "-MF",
                                     "a.d",
                                     "-c",
                                     "a.c"};
    EXPECT_EQ(filter(argv), argv);
}

TEST(FilterHostArgs, KeepsPthreadWhenThreadsAreOn) {
    HostFilterOptions options;
    options.threads = true;
    EXPECT_EQ(filter({"-pthread", "-c", "a.c"}, options), (std::vector<std::string>{"-pthread", "-c", "a.c"}));
}

TEST(FilterHostArgs, FiltersLinkerOptionsInsideWl) {
    auto out = filter({"-shared", "-Wl,-O1,-Bsymbolic-functions", "-Wl,-z,relro,-z,now", "-Wl,--as-needed",
                       "-Wl,-soname,libx.so.1", "-Wl,--version-script=x.map", "-Wl,-rpath", "-Wl,/usr/lib",
                       "-Wl,-L/usr/lib", "-Wl,--whole-archive", "a.o"});
    EXPECT_EQ(out, (std::vector<std::string>{"-shared", "-Wl,-O1", "-Wl,--whole-archive", "a.o"}));
}

TEST(FilterHostArgs, XlinkerValuesAreFiltered) {
    auto out = filter({"-Xlinker", "-rpath", "-Xlinker", "/opt/x", "-Xlinker", "--export-dynamic", "a.o"});
    EXPECT_EQ(out, (std::vector<std::string>{"-Xlinker", "--export-dynamic", "a.o"}));
}

TEST(FilterHostArgs, DropsHostLibraryOperandsAndTargetOverrides) {
    auto out = filter({"a.o", "/usr/lib/x86_64-linux-gnu/libz.so", "--sysroot=/", "-target", "x86_64-linux-gnu",
                       "-bundle", "-undefined", "dynamic_lookup", "-o", "m.so"});
    EXPECT_EQ(out, (std::vector<std::string>{"a.o", "-shared", "-o", "m.so"}));
}

TEST(IsUnsupportedTargetFlag, Examples) {
    EXPECT_TRUE(is_unsupported_target_flag("-mavx512f", false));
    EXPECT_TRUE(is_unsupported_target_flag("-pthread", false));
    EXPECT_FALSE(is_unsupported_target_flag("-pthread", true));
    EXPECT_FALSE(is_unsupported_target_flag("-msimd128", false));
    EXPECT_FALSE(is_unsupported_target_flag("-mcpu=mvp", false));
    EXPECT_TRUE(is_unsupported_target_flag("-mcpu=native", false));
    EXPECT_FALSE(is_unsupported_target_flag("-fPIC", false));
    EXPECT_FALSE(is_unsupported_target_flag("-MD", false));
}

}  // namespace
}  // namespace wb::cc
