// Side modules emcc 6.0.5 made (tests/data/wasm/) against stock Pyodide 314.0.8's ABI. Each case
// records what the module did when loaded into stock Pyodide 314.0.8 under Node 20
// (tests/data/wasm/src/load_in_pyodide.js); the check must predict it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "abi/check_module.hpp"
#include "abi_test_support.hpp"

namespace wb::abi {
namespace {

using namespace test_support;

struct Case {
    const char* module;
    const char* reality;  // under stock Pyodide 314.0.8
    std::vector<std::string> expected;  // "kind import", in report order
};

std::vector<std::string> describe(const CheckReport& r) {
    std::vector<std::string> out;
    for (const auto& p : r.problems) {
        out.push_back(fmt::format("{} {}{}", to_string(p.kind), p.import,
                                  p.severity == Severity::Warning ? " (warning)" : ""));
    }
    return out;
}

const std::vector<Case>& cases() {
    static const std::vector<Case> k_cases = {
        {"good_c.so", "loads; every call works", {}},
        {"cxx_wasm_eh.so", "loads; throw/catch and std::sort work", {}},
        {"sjlj_wasm.so", "loads; setjmp/longjmp works", {}},
        {"libprov.so", "loads; works", {}},
        {"cxx_js_eh.so", "loads; first call fails: cannot resolve symbol invoke_ii",
         {"JavaScript-based exception imports env.invoke_v",
          "JavaScript-based exception imports env.__cxa_find_matching_catch_2",
          "JavaScript-based exception imports env.invoke_ii", "JavaScript-based exception imports env.invoke_viii",
          "JavaScript-based exception imports env.__resumeException",
          "JavaScript-based exception imports env.invoke_iii",
          "JavaScript-based exception imports env.__cxa_find_matching_catch_3",
          "JavaScript-based exception imports env.llvm_eh_typeid_for",
          "C++ exceptions without the wasm exception tag env.__cxa_throw"}},
        {"cxx_no_eh.so",
         "loads; the throw escapes the module's own catch as a WebAssembly.Exception (fatal for the runtime)",
         {"C++ exceptions without the wasm exception tag env.__cxa_throw"}},
        {"pthread_c.so", "load fails: LinkError: mismatch in shared state of memory", {"shared memory env.memory"}},
        {"missing_c.so", "loads; first call fails: cannot resolve symbol wb_not_in_any_runtime",
         {"unresolved imports env.wb_not_in_any_runtime"}},
        {"sjlj_js.so", "load fails: Dynamic linking error: undefined symbol 'emscripten_longjmp'",
         {"JavaScript-based longjmp imports env.emscripten_longjmp",
          "JavaScript-based exception imports env.invoke_vii",
          "JavaScript-based longjmp imports GOT.func.emscripten_longjmp"}},
        {"sig_wasm_c.so",
         "load fails: LinkError: Import #0 \"env\" \"PyLong_FromLong\": imported function does not match the "
         "expected type",
         {"signature mismatches env.PyLong_FromLong"}},
        {"sig_js_c.so", "loads; first call fails: TypeError: Cannot convert 3325.67 to a BigInt",
         {"signature mismatches env.emscripten_get_now"}},
        {"user_noneeded.so", "loads after libprov.so; first call fails: cannot resolve symbol wb_provided",
         {"unresolved imports env.wb_provided"}},
    };
    return k_cases;
}

TEST(RealModulesAbiTest, PredictsStockPyodide314) {
    const RuntimeAbi& abi = pyodide_314();
    for (const auto& c : cases()) {
        CheckReport r = check_module(load_module(c.module), abi, {}, c.module);
        EXPECT_EQ(describe(r), c.expected) << c.module << " (" << c.reality << ")\n" << r.render();
        EXPECT_EQ(r.ok(), c.expected.empty()) << c.module;
    }
}

TEST(RealModulesAbiTest, ALibraryItNeedsProvidesTheMissingFunction) {
    CheckReport r = check_module(load_module("user_rpath.so"), pyodide_314(), {"wb_provided"}, "user_rpath.so");
    EXPECT_TRUE(r.problems.empty()) << r.render();
}

TEST(RealModulesAbiTest, JsSignatureMismatchIsExplained) {
    CheckReport r = check_module(load_module("sig_js_c.so"), pyodide_314(), {}, "sig_js_c.so");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].what,
              "env.emscripten_get_now: imported as (i32) -> i64, the runtime's is () -> f64 (a JavaScript function)");
    EXPECT_NE(r.problems[0].hint.find("BigInt"), std::string::npos);
}

TEST(RealModulesAbiTest, PthreadMemoryIsExplained) {
    CheckReport r = check_module(load_module("pthread_c.so"), pyodide_314(), {}, "pthread_c.so");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].what,
              "env.memory: imports memory (min 1, max 65536, shared); the runtime's memory is not shared");
}

TEST(RealModulesAbiTest, SameVerdictsFromThePackageItself) {
    fs::path dir = npm_package("314.0.8");
    if (!fs::exists(dir / "pyodide.asm.wasm")) GTEST_SKIP() << dir << " is not on this machine";
    auto abi = RuntimeAbi::from_npm_package(dir);
    ASSERT_TRUE(abi) << abi.error().message;
    for (const auto& c : cases()) {
        CheckReport r = check_module(load_module(c.module), *abi, {}, c.module);
        EXPECT_EQ(describe(r), c.expected) << c.module;
    }
}

TEST(RealModulesAbiTest, SameVerdictsOn315Alpha) {
    fs::path dir = npm_package("315.0.0-alpha.2");
    if (!fs::exists(dir / "pyodide.asm.wasm")) GTEST_SKIP() << dir << " is not on this machine";
    auto abi = RuntimeAbi::from_npm_package(dir);
    ASSERT_TRUE(abi) << abi.error().message;
    for (const auto& c : cases()) {
        CheckReport r = check_module(load_module(c.module), *abi, {}, c.module);
        EXPECT_EQ(describe(r), c.expected) << c.module;
    }
}

}  // namespace
}  // namespace wb::abi
