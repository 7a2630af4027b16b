// Side modules emcc 6.0.5 made (tests/data/wasm/, see its README), and stock Pyodide's main module
// when the npm package is unpacked on this machine.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "wasm/wasm_module.hpp"

namespace wb::wasm {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

WasmModule load(const std::string& name) {
    auto bytes = slurp(fs::path(WB_TEST_DATA) / "wasm" / name);
    EXPECT_FALSE(bytes.empty()) << name;
    auto m = WasmModule::parse(bytes);
    EXPECT_TRUE(m) << name << ": " << (m ? "" : m.error().message);
    return m ? *m : WasmModule{};
}

TEST(RealModulesTest, GoodCModule) {
    WasmModule m = load("good_c.so");
    ASSERT_TRUE(m.dylink);
    EXPECT_EQ(m.sections.front().name, "dylink.0");
    EXPECT_EQ(to_string(m.find_import("env", "pow")->signature), "(f64, f64) -> f64");
    EXPECT_EQ(to_string(m.find_import("env", "time")->signature), "(i32) -> i64");
    EXPECT_EQ(to_string(m.find_export("wb_hypot_sum")->signature), "(f64, f64) -> f64");
    EXPECT_EQ(to_string(m.find_export("wb_now")->signature), "() -> i64");
    EXPECT_EQ(m.find_import("env", "memory")->kind, ExternalKind::Memory);
    EXPECT_FALSE(m.target_features);  // emcc strips it from side modules
}

TEST(RealModulesTest, CxxWithWasmExceptionsImportsTheTag) {
    WasmModule m = load("cxx_wasm_eh.so");
    const Import* tag = m.find_import("env", "__cpp_exception");
    ASSERT_NE(tag, nullptr);
    EXPECT_EQ(tag->kind, ExternalKind::Tag);
    EXPECT_EQ(to_string(tag->signature), "(i32) -> ()");
    EXPECT_NE(m.find_import("env", "__cxa_throw"), nullptr);
    EXPECT_NE(m.find_import("GOT.mem", "__wasm_lpad_context"), nullptr);
}

TEST(RealModulesTest, CxxWithJsExceptionsImportsInvokeWrappers) {
    WasmModule m = load("cxx_js_eh.so");
    EXPECT_EQ(m.find_import("env", "__cpp_exception"), nullptr);
    ASSERT_NE(m.find_import("env", "invoke_iii"), nullptr);
    EXPECT_EQ(to_string(m.find_import("env", "invoke_iii")->signature), "(i32, i32, i32) -> i32");
    EXPECT_EQ(to_string(m.find_import("env", "__indirect_function_table")->table), "funcref, min 4");
}

TEST(RealModulesTest, CxxWithoutExceptionFlagThrowsWithoutTheTag) {
    WasmModule m = load("cxx_no_eh.so");
    EXPECT_NE(m.find_import("env", "__cxa_throw"), nullptr);
    EXPECT_EQ(m.find_import("env", "__cxa_begin_catch"), nullptr);
    EXPECT_EQ(m.find_import("env", "__cpp_exception"), nullptr);
}

TEST(RealModulesTest, PthreadModuleImportsSharedMemory) {
    WasmModule m = load("pthread_c.so");
    const Import* memory = m.find_import("env", "memory");
    ASSERT_NE(memory, nullptr);
    EXPECT_TRUE(memory->memory.shared);
    EXPECT_EQ(memory->memory.limits.max, 65536u);
    ASSERT_NE(m.find_export("_emscripten_tls_init"), nullptr);
}

TEST(RealModulesTest, NeededLibraryAndRuntimePath) {
    WasmModule m = load("user_rpath.so");
    ASSERT_TRUE(m.dylink);
    EXPECT_EQ(m.dylink->needed, std::vector<std::string>{"libprov.so"});
    EXPECT_EQ(m.dylink->runtime_paths, std::vector<std::string>{"$ORIGIN"});
    WasmModule plain = load("user_noneeded.so");
    EXPECT_TRUE(plain.dylink->needed.empty());
}

TEST(RealModulesTest, EveryDataModuleParses) {
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(WB_TEST_DATA) / "wasm")) {
        if (entry.path().extension() != ".so") continue;
        auto bytes = slurp(entry.path());
        auto m = WasmModule::parse(bytes);
        EXPECT_TRUE(m) << entry.path() << ": " << (m ? "" : m.error().message);
        if (m) {
            EXPECT_TRUE(m->dylink) << entry.path();
        }
        ++n;
    }
    EXPECT_GE(n, 10u);
}

TEST(RealModulesTest, StockPyodideMainModule) {
    fs::path wasm = "/work/scratch/npm/314.0.8/package/pyodide.asm.wasm";
    if (!fs::exists(wasm)) GTEST_SKIP() << wasm << " is not on this machine";
    auto bytes = slurp(wasm);
    auto m = WasmModule::parse(bytes);
    ASSERT_TRUE(m) << m.error().message;
    // Counts as WebAssembly.Module.exports/imports report them under Node 20.
    EXPECT_EQ(m->exports.size(), 8560u);
    EXPECT_EQ(m->imports.size(), 548u);
    EXPECT_FALSE(m->target_features);
    EXPECT_TRUE(m->dylink);
    EXPECT_EQ(to_string(m->find_export("PyLong_FromLong")->signature), "(i32) -> i32");
    EXPECT_EQ(to_string(m->find_export("__cpp_exception")->signature), "(i32) -> ()");
    EXPECT_EQ(to_string(m->find_export("__stack_pointer")->global), "mut i32");
    EXPECT_FALSE(m->find_export("memory")->memory.shared);
}

}  // namespace
}  // namespace wb::wasm
