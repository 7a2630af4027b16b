#include "specs/marker.hpp"

#include <gtest/gtest.h>

namespace wb::specs {
namespace {

bool on_pyodide(std::string_view marker) {
    auto r = evaluate_marker(marker, MarkerEnvironment::emscripten("3.14"));
    EXPECT_TRUE(r) << marker << ": " << r.error().message;
    return r && *r;
}

TEST(Marker, PlatformVariablesAreThoseOfPyodide) {
    EXPECT_TRUE(on_pyodide("sys_platform == 'emscripten'"));
    EXPECT_FALSE(on_pyodide("sys_platform == \"win32\""));
    EXPECT_TRUE(on_pyodide("platform_machine == 'wasm32' and os_name == 'posix'"));
    EXPECT_FALSE(on_pyodide("platform_system == 'Windows' or platform_system == 'Darwin'"));
    EXPECT_TRUE(on_pyodide("platform_python_implementation == 'CPython'"));
    EXPECT_FALSE(on_pyodide("implementation_name == 'pypy'"));
}

TEST(Marker, VersionsCompareByPep440) {
    EXPECT_TRUE(on_pyodide("python_version >= '3.9'"));
    EXPECT_TRUE(on_pyodide("python_version > '3.9'"));   // as versions: 3.14 > 3.9, not as strings
    EXPECT_FALSE(on_pyodide("python_version < '3.11'"));
    EXPECT_TRUE(on_pyodide("python_full_version >= '3.14.0'"));
    EXPECT_TRUE(on_pyodide("python_version == '3.*'"));
    EXPECT_TRUE(on_pyodide("python_version ~= '3.10'"));
    EXPECT_TRUE(on_pyodide("'3.8' < python_version"));
}

TEST(Marker, AndBindsTighterThanOrAndParenthesesGroup) {
    EXPECT_TRUE(on_pyodide("sys_platform == 'win32' and python_version < '3' or os_name == 'posix'"));
    EXPECT_FALSE(on_pyodide("sys_platform == 'win32' and (python_version < '3' or os_name == 'posix')"));
    EXPECT_TRUE(on_pyodide("(sys_platform != 'win32')"));
}

TEST(Marker, InAndNotInAreSubstringTests) {
    EXPECT_TRUE(on_pyodide("sys_platform in 'linux emscripten'"));
    EXPECT_TRUE(on_pyodide("platform_machine not in 'x86_64 aarch64'"));
}

TEST(Marker, ExtrasAreOffUnlessAskedAndCompareNormalized) {
    EXPECT_FALSE(on_pyodide("extra == 'test'"));
    auto env = MarkerEnvironment::emscripten("3.14");
    env.values["extra"] = "Dev_Tools";
    EXPECT_TRUE(*evaluate_marker("extra == 'dev-tools'", env));
}

TEST(Marker, MalformedMarkersAndUnknownVariablesAreErrorsNamingTheText) {
    auto env = MarkerEnvironment::emscripten("3.15");
    for (std::string_view bad : {"python_version >= ", "sys_platform = 'x'", "flavour == 'x'", "(os_name == 'posix'",
                                 "os_name == 'posix' xor", "os_name == 'posix", "os_name ~= 'posix'"}) {
        auto r = evaluate_marker(bad, env);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().kind, util::ErrorKind::Input);
        EXPECT_NE(r.error().message.find(std::string(bad)), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace wb::specs
