#include "abi/runtime_abi.hpp"

#include <set>

#include <gtest/gtest.h>

#include "abi_test_support.hpp"
#include "fakes/wasm_builder.hpp"
#include "util/hash.hpp"

namespace wb::abi {
namespace {

using namespace test_support;
using test::WasmBuilder;
using wasm::ExternalKind;
using wasm::ValType;

/// A main module: imports two JS functions, exports functions, a global, a tag, memory and table.
test::Bytes main_module(bool with_features) {
    WasmBuilder b;
    uint32_t i_i = b.type({WasmBuilder::i32}, {WasmBuilder::i32});
    uint32_t ii_i = b.type({WasmBuilder::i32, WasmBuilder::i32}, {WasmBuilder::i32});
    uint32_t v_d = b.type({}, {WasmBuilder::f64});
    uint32_t i_ = b.type({WasmBuilder::i32}, {});
    b.import_func("env", "emscripten_get_now", v_d);
    b.import_func("wasi_snapshot_preview1", "fd_close", i_i);
    b.function(i_i);                // 2: strlen
    b.function(ii_i);               // 3: __main_argc_argv
    b.function(ii_i);               // 4: open
    b.function(i_i);                // 5: also named like a JS function
    b.memory(256, 32768);
    b.global(WasmBuilder::i32, true, 1024);
    b.global(WasmBuilder::i32, false, 2048);
    b.tag(i_);
    b.export_("strlen", 0, 2);
    b.export_("__main_argc_argv", 0, 3);
    b.export_("open", 0, 4);
    b.export_("shadowed", 0, 5);
    b.export_("memory", 2, 0);
    b.export_("__stack_pointer", 3, 0);
    b.export_("PyExc_TypeError", 3, 1);
    b.export_("__cpp_exception", 4, 0);
    b.dylink({});
    if (with_features) b.target_features({{'+', "bulk-memory"}, {'+', "exception-handling"}});
    return b.build();
}

const char* k_glue =
    "var _emscripten_get_now=()=>1;_emscripten_get_now.sig=\"i\";"  // wrong on purpose: the import type wins
    "var _fd_close=fd=>0;_fd_close.sig=\"ii\";var _shadowed=()=>0;_shadowed.sig=\"vj\";var _nosig=()=>0;"
    "var wasmImports={emscripten_get_now:_emscripten_get_now,fd_close:_fd_close,shadowed:_shadowed,nosig:_nosig};"
    "var ASM_CONSTS={5:()=>{wasmImports[\"open64\"]=wasmImports[\"open\"]}};";

RuntimeAbi make(bool with_features = false) {
    auto bytes = main_module(with_features);
    auto main = wasm::WasmModule::parse(bytes);
    EXPECT_TRUE(main) << main.error().message;
    auto abi = RuntimeAbi::from_main_module(*main, k_glue, "test 1.0");
    EXPECT_TRUE(abi) << abi.error().message;
    return *abi;
}

TEST(RuntimeAbiTest, JsGlueFunctionsComeFirst) {
    RuntimeAbi abi = make();
    EXPECT_EQ(abi.name, "test 1.0");
    const RuntimeFunction& now = abi.functions.at("emscripten_get_now");
    EXPECT_EQ(now.provider, Provider::JavaScript);
    EXPECT_EQ(now.signature, sig({}, {ValType::F64}));  // from the main module's import, not the `.sig`
    EXPECT_EQ(abi.functions.at("fd_close").signature, sig({ValType::I32}, {ValType::I32}));
    // Defined by the glue and exported by the main module: the loader keeps the JS function.
    EXPECT_EQ(abi.functions.at("shadowed").provider, Provider::JavaScript);
    EXPECT_EQ(abi.functions.at("shadowed").signature, sig({ValType::I64}, {}));
    EXPECT_EQ(abi.functions.at("nosig").signature, std::nullopt);
}

TEST(RuntimeAbiTest, MainModuleExportsAndAliases) {
    RuntimeAbi abi = make();
    EXPECT_EQ(abi.functions.at("strlen"), (RuntimeFunction{sig({ValType::I32}, {ValType::I32}), Provider::MainModule}));
    EXPECT_EQ(abi.functions.at("main").signature, sig({ValType::I32, ValType::I32}, {ValType::I32}));
    EXPECT_EQ(abi.functions.at("open64"), abi.functions.at("open"));
    EXPECT_EQ(abi.globals.at("__stack_pointer"), (wasm::GlobalType{ValType::I32, true}));
    EXPECT_EQ(abi.globals.at("PyExc_TypeError"), (wasm::GlobalType{ValType::I32, false}));
    EXPECT_EQ(abi.globals.at("__memory_base"), (wasm::GlobalType{ValType::I32, false}));
    EXPECT_EQ(abi.globals.at("__table_base"), (wasm::GlobalType{ValType::I32, false}));
    EXPECT_EQ(abi.tags.at("__cpp_exception"), sig({ValType::I32}, {}));
    EXPECT_EQ(abi.memories.at("memory").limits.max, 32768u);
    EXPECT_EQ(abi.kind_of("memory"), ExternalKind::Memory);
    EXPECT_EQ(abi.kind_of("PyExc_TypeError"), ExternalKind::Global);
    EXPECT_EQ(abi.kind_of("nothing"), std::nullopt);
    EXPECT_FALSE(abi.memory64());
    EXPECT_FALSE(abi.target_features);
    // 4 JS + strlen, __main_argc_argv, open, main, open64; 2 exported + 2 loader globals; tag; memory.
    EXPECT_EQ(abi.symbol_count(), 9u + 4u + 1u + 1u);
}

TEST(RuntimeAbiTest, KeepsTheMainModulesTargetFeatures) {
    RuntimeAbi abi = make(true);
    ASSERT_TRUE(abi.target_features);
    EXPECT_EQ(abi.target_features->size(), 2u);
}

TEST(RuntimeAbiTest, JsonRoundTrip) {
    for (bool features : {false, true}) {
        RuntimeAbi abi = make(features);
        std::string text = abi.to_json();
        auto back = RuntimeAbi::from_json(text);
        ASSERT_TRUE(back) << back.error().message;
        EXPECT_EQ(*back, abi);
        EXPECT_EQ(back->to_json(), text);
    }
}

TEST(RuntimeAbiTest, JsonErrors) {
    EXPECT_FALSE(RuntimeAbi::from_json("[1,2"));
    auto wrong = RuntimeAbi::from_json(R"({"format": "something else"})");
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("unknown format"), std::string::npos);
    std::string text = make().to_json();
    std::string bad_code = text;
    bad_code.replace(bad_code.find("\"i>i\""), 5, "\"i?i\"");
    auto bad = RuntimeAbi::from_json(bad_code);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "runtime ABI: bad signature code 'i?i'");
    auto missing = RuntimeAbi::from_json(R"({"format": "wasm-build runtime ABI 1", "runtime": "x"})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::Input);
}

TEST(RuntimeAbiTest, RefusesAPackageWithoutGlue) {
    auto abi = RuntimeAbi::from_npm_package("/nonexistent/package");
    ASSERT_FALSE(abi);
}

// ---- stock Pyodide: the set computed here equals what the loader holds at run time ----

/// sha256 of every name in wasmImports, sorted, one per line: the loader's globals are not there.
std::string names_digest(const RuntimeAbi& abi, bool js_only) {
    std::set<std::string> names;
    for (const auto& [n, f] : abi.functions) {
        if (!js_only || f.provider == Provider::JavaScript) names.insert(n);
    }
    if (!js_only) {
        for (const auto& [n, g] : abi.globals) names.insert(n);
        for (const auto& [n, t] : abi.tags) names.insert(n);
        for (const auto& [n, m] : abi.memories) names.insert(n);
        for (const auto& [n, t] : abi.tables) names.insert(n);
        names.erase("__memory_base");
        names.erase("__table_base");
    }
    std::string text;
    for (const auto& n : names) text += n + "\n";
    return util::sha256_hex(text);
}

/// What tests/data/wasm/pyodide-314.0.8-abi.json keeps: everything but libc++'s mangled names
/// (~230 KB), except those the test modules import.
RuntimeAbi trim_for_tests(RuntimeAbi abi) {
    std::set<std::string> imported;
    for (const auto& entry : fs::directory_iterator(data_dir())) {
        if (entry.path().extension() != ".so") continue;
        for (const auto& i : load_module(entry.path().filename().string()).imports) imported.insert(i.name);
    }
    auto is_libcxx = [&](const std::string& n) {
        return n.rfind("_Z", 0) == 0 && n.find("St3__2") != std::string::npos && !imported.count(n);
    };
    std::erase_if(abi.functions, [&](const auto& kv) { return is_libcxx(kv.first); });
    std::erase_if(abi.globals, [&](const auto& kv) { return is_libcxx(kv.first); });
    return abi;
}

struct Measured {
    const char* version;
    size_t names;            // Object.keys(LDSO.loadedLibsByName["__main__"].exports).length
    const char* digest;      // of those names
    size_t js_names;         // of which JS functions
    const char* js_digest;
};

// Measured under Node 20 after loadPyodide() (tests/data/wasm/src/dump_runtime_symbols.js).
constexpr Measured k_measured[] = {
    {"314.0.8", 9932, "005b0e314151f9f246b34be0a6ca0be98eb36b17c86a2512446699eb99dacbf2", 1370,
     "64112ae0d31bc010e180e92b0275fcb5ec28a6154ea29b1c947e603591b5e953"},
    {"315.0.0-alpha.2", 10141, "7a5cce4b5e0e33baa73eb82323eb95733b9cb3eb1867b04c9ea5c9b017dffdf2", 1383,
     "4c8078967e5a60bd4a82da72d49528f2e1fdf434f11baacefdb467c9c8fdcc3b"},
};

TEST(StockPyodideAbiTest, EqualsTheLoadersSymbolsAtRunTime) {
    for (const auto& m : k_measured) {
        fs::path dir = npm_package(m.version);
        if (!fs::exists(dir / "pyodide.asm.wasm")) GTEST_SKIP() << dir << " is not on this machine";
        auto abi = RuntimeAbi::from_npm_package(dir);
        ASSERT_TRUE(abi) << abi.error().message;
        EXPECT_EQ(abi->name, std::string("pyodide ") + m.version);
        EXPECT_EQ(abi->symbol_count(), m.names + 2) << m.version;  // + __memory_base, __table_base
        EXPECT_EQ(names_digest(*abi, false), m.digest) << m.version;
        EXPECT_EQ(names_digest(*abi, true), m.js_digest) << m.version;
        EXPECT_FALSE(abi->target_features);
        EXPECT_FALSE(abi->functions.count("invoke_vii"));
        EXPECT_EQ(abi->tags.at("__cpp_exception"), sig({ValType::I32}, {}));
        EXPECT_FALSE(abi->memories.at("memory").shared);
    }
}

TEST(StockPyodideAbiTest, CommittedJsonIsTheTrimmedPackageAbi) {
    fs::path dir = npm_package("314.0.8");
    if (!fs::exists(dir / "pyodide.asm.wasm")) GTEST_SKIP() << dir << " is not on this machine";
    auto abi = RuntimeAbi::from_npm_package(dir);
    ASSERT_TRUE(abi) << abi.error().message;
    RuntimeAbi trimmed = trim_for_tests(*abi);
    if (trimmed != pyodide_314()) {
        fs::path fresh = fs::path(::testing::TempDir()) / "pyodide-314.0.8-abi.json";
        std::ofstream(fresh) << trimmed.to_json();
        FAIL() << "tests/data/wasm/pyodide-314.0.8-abi.json is stale: copy " << fresh;
    }
}

TEST(StockPyodideAbiTest, CommittedJsonLoadsWithoutThePackage) {
    const RuntimeAbi& abi = pyodide_314();
    EXPECT_EQ(abi.name, "pyodide 314.0.8");
    EXPECT_GT(abi.functions.size(), 5000u);
    EXPECT_EQ(abi.functions.at("PyLong_FromLong").signature, sig({ValType::I32}, {ValType::I32}));
    EXPECT_EQ(abi.functions.at("emscripten_get_now").provider, Provider::JavaScript);
    EXPECT_EQ(abi.functions.at("emscripten_get_now").signature, sig({}, {ValType::F64}));
    EXPECT_EQ(abi.globals.at("__stack_pointer"), (wasm::GlobalType{ValType::I32, true}));
    EXPECT_TRUE(abi.functions.count("open64"));
    EXPECT_TRUE(abi.functions.count("main"));
}

}  // namespace
}  // namespace wb::abi
