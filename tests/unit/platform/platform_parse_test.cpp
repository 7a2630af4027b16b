#include <gtest/gtest.h>

#include "platform/platform.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::platform {
namespace {

const char* k_integrity =
    "sha512-74Wq1kXOC+CCEzAfxuRAO701nAcCMLjf8NrwvWpu8S41dVMXwXmLQ05dYB+F4e46AdnGo0oq7YHSVUpHsoarLQ==";

/// A valid platform file for platforms/p.yaml; line numbers below are counted on this text.
std::string good_text() {
    return std::string("platform:\n"                                                  // 1
                       "  name: p\n"                                                  // 2
                       "  tag: pyemscripten_2026_0_wasm32\n"                          // 3
                       "  enabled: true\n"                                            // 4
                       "  default: true\n"                                            // 5
                       "python:\n"                                                    // 6
                       "  version: \"3.14\"\n"                                        // 7
                       "  build-python: /usr/bin/python3.14\n"                        // 8
                       "  cross-env: xenv\n"                                          // 9
                       "toolchain: tc\n"                                              // 10
                       "flags:\n"                                                     // 11
                       "  cflags: [-fwasm-exceptions, -sSUPPORT_LONGJMP=wasm]\n"      // 12
                       "  ldflags: [-fwasm-exceptions, -sSIDE_MODULE=1]\n"            // 13
                       "runtime:\n"                                                   // 14
                       "  npm: pyodide\n"                                             // 15
                       "  version: 314.0.8\n"                                         // 16
                       "  integrity: ") + k_integrity + "\n"                          // 17
           "  python: 3.14.2\n"                                                       // 18
           "  emscripten: 5.0.3\n";                                                   // 19
}

std::string changed(const std::string& from, const std::string& to) {
    std::string text = good_text();
    EXPECT_NE(text.find(from), std::string::npos) << from;
    return util::replace_all(text, from, to);
}

TEST(PlatformParse, ReadsEveryField) {
    std::string text = good_text();
    auto p = Platform::parse(text, "platforms/p.yaml");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->name, "p");
    EXPECT_EQ(p->tag, "pyemscripten_2026_0_wasm32");
    EXPECT_EQ(p->abi_version, "2026_0");
    EXPECT_TRUE(p->enabled);
    EXPECT_TRUE(p->is_default);
    EXPECT_EQ(p->python_version, "3.14");
    EXPECT_EQ(p->build_python, "/usr/bin/python3.14");
    EXPECT_EQ(p->cross_env, "xenv");
    EXPECT_EQ(p->toolchain, "tc");
    EXPECT_EQ(p->cflags, (std::vector<std::string>{"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"}));
    EXPECT_EQ(p->ldflags, (std::vector<std::string>{"-fwasm-exceptions", "-sSIDE_MODULE=1"}));
    EXPECT_EQ(p->runtime.npm_name, "pyodide");
    EXPECT_EQ(p->runtime.version, "314.0.8");
    EXPECT_EQ(p->runtime.id(), "pyodide@314.0.8");
    EXPECT_EQ(p->runtime.integrity, k_integrity);
    EXPECT_EQ(p->runtime.python_version, "3.14.2");
    EXPECT_EQ(p->runtime.emscripten, "5.0.3");
    EXPECT_EQ(p->file, "platforms/p.yaml");
    EXPECT_EQ(p->file_sha256, util::sha256_hex(text));
    EXPECT_TRUE(p->identity.empty());  // given by PlatformSet, once the root is known
    EXPECT_EQ(p->python_tag(), "cp314");
    EXPECT_EQ(p->extension_wheel_tag(), "cp314-cp314-pyemscripten_2026_0_wasm32");
    EXPECT_EQ(p->ext_suffix(), ".cpython-314-wasm32-emscripten.so");
}

TEST(PlatformParse, DefaultIsOffAndTheLegacyTagHasNoAbiVersion) {
    auto p = Platform::parse(changed("  default: true\n", ""), "platforms/p.yaml");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_FALSE(p->is_default);
    auto legacy = Platform::parse(changed("pyemscripten_2026_0_wasm32", "emscripten_4_0_9_wasm32"), "platforms/p.yaml");
    ASSERT_TRUE(legacy) << legacy.error().message;
    EXPECT_EQ(legacy->abi_version, "");
}

TEST(PlatformParse, AnyByteOfTheFileChangesItsHash) {
    auto a = Platform::parse(good_text(), "platforms/p.yaml");
    auto b = Platform::parse(good_text() + "# a comment\n", "platforms/p.yaml");
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->file_sha256, b->file_sha256);
}

struct BadCase {
    std::string text;
    std::string where;  ///< file:line:column
    std::string what;   ///< what was expected
};

class PlatformErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(PlatformErrors, NameFileLineColumnAndWhatWasExpected) {
    auto p = Platform::parse(GetParam().text, "platforms/p.yaml");
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().kind, util::ErrorKind::Input);
    const std::string& m = p.error().message;
    EXPECT_EQ(m.rfind(GetParam().where + ": ", 0), 0u) << m;
    EXPECT_NE(m.find(GetParam().what), std::string::npos) << m;
}

INSTANTIATE_TEST_SUITE_P(
    All, PlatformErrors,
    ::testing::Values(
        BadCase{changed("pyemscripten_2026_0_wasm32", "manylinux_2_17_x86_64"), "platforms/p.yaml:3:8",
                "'platform.tag': 'manylinux_2_17_x86_64' is not a wheel platform tag for wasm (expected "
                "pyemscripten_YYYY_P_wasm32"},
        BadCase{changed("pyemscripten_2026_0_wasm32", "pyemscripten_2026_0_wasm64"), "platforms/p.yaml:3:8",
                "is not a wheel platform tag"},
        BadCase{changed("\"3.14\"", "\"3.14.2\""), "platforms/p.yaml:7:12",
                "'python.version': '3.14.2': expected the major.minor version the wheels are built for"},
        BadCase{changed("\"3.14\"", "\"3\""), "platforms/p.yaml:7:12", "expected the major.minor version"},
        BadCase{changed("python: 3.14.2", "python: 3.13.1"), "platforms/p.yaml:18:11",
                "'runtime.python': the runtime runs Python 3.13.1 but the platform builds for 3.14"},
        BadCase{changed("python: 3.14.2", "python: 3.140.1"), "platforms/p.yaml:18:11", "runs Python 3.140.1"},
        BadCase{changed(k_integrity, "sha512-abc"), "platforms/p.yaml:17:14",
                "'runtime.integrity': expected npm's sha512 integrity string"},
        BadCase{changed("sha512-", "sha256-"), "platforms/p.yaml:17:14", "expected npm's sha512 integrity string"},
        BadCase{changed("-sSUPPORT_LONGJMP=wasm]", "-pthread]"), "platforms/p.yaml:12:11",
                "'flags.cflags': -pthread makes a shared memory that stock Pyodide refuses"},
        BadCase{changed("-sSIDE_MODULE=1]", "-sUSE_PTHREADS=1]"), "platforms/p.yaml:13:12",
                "'flags.ldflags': -pthread makes a shared memory"},
        BadCase{changed("name: p\n", "name: q\n"), "platforms/p.yaml:2:9",
                "platform name 'q' does not match its file name (expected: p)"},
        BadCase{good_text() + "extra: 1\n", "platforms/p.yaml:20:1",
                "unknown key 'extra' (expected one of: platform, python, toolchain, flags, runtime)"},
        BadCase{changed("  enabled: true\n", "  colour: red\n"), "platforms/p.yaml:4:3",
                "unknown key 'platform.colour' (expected one of: name, tag, enabled, default)"},
        BadCase{changed("  emscripten: 5.0.3\n", "  emscripten: 5.0.3\n  sha: x\n"), "platforms/p.yaml:20:3",
                "unknown key 'runtime.sha'"},
        BadCase{changed("  cross-env: xenv\n", ""), "platforms/p.yaml:7:3",
                "'python': missing required key 'cross-env'"},
        BadCase{changed("  enabled: true\n", "  enabled: yes please\n"), "platforms/p.yaml:4:12",
                "'platform.enabled': expected true or false"},
        BadCase{changed("  build-python: /usr/bin/python3.14\n", "  build-python: python3.14\n"),
                "platforms/p.yaml:8:17", "expected an absolute path inside the toolchain root"},
        BadCase{good_text().substr(0, good_text().find("runtime:")), "platforms/p.yaml:1:1",
                "missing required section 'runtime'"},
        BadCase{"platform: [\n", "platforms/p.yaml:2:1", "invalid YAML"},
        BadCase{"- a\n", "platforms/p.yaml:1:1", "expected a mapping with platform, python, toolchain"}));

}  // namespace
}  // namespace wb::platform
