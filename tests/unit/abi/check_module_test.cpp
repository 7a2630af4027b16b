#include "abi/check_module.hpp"

#include <gtest/gtest.h>

#include "abi_test_support.hpp"
#include "fakes/wasm_builder.hpp"

namespace wb::abi {
namespace {

using namespace test_support;
using test::WasmBuilder;

constexpr uint8_t i32 = WasmBuilder::i32, i64 = WasmBuilder::i64, f64 = WasmBuilder::f64;

/// A side module builder with dylink.0 and the imports every emcc side module has.
struct Side {
    WasmBuilder b;
    test::DylinkSpec dylink;
    bool with_dylink = true;

    Side() {
        b.import_global("env", "__stack_pointer", i32, true);
        b.import_global("env", "__memory_base", i32, false);
        b.import_memory("env", "memory", 1, {});
    }
    void func(const std::string& name, test::Bytes params, test::Bytes results, const std::string& module = "env") {
        b.import_func(module, name, b.type(params, results));
    }
    void got(const std::string& module, const std::string& name, uint8_t type = i32, bool mut = true) {
        b.import_global(module, name, type, mut);
    }
    void weak(const std::string& module, const std::string& name) { dylink.import_info.push_back({module, name, 1}); }
    wasm::WasmModule parse() {
        if (with_dylink) b.dylink(dylink);
        auto bytes = b.build();
        auto m = wasm::WasmModule::parse(bytes);
        EXPECT_TRUE(m) << m.error().message;
        return m ? *m : wasm::WasmModule{};
    }
};

CheckReport check(Side& s, const std::set<std::string>& others = {}, const RuntimeAbi& abi = tiny_runtime()) {
    return check_module(s.parse(), abi, others, "pkg/_m.so");
}

std::vector<std::string> kinds(const CheckReport& r) {
    std::vector<std::string> out;
    for (const auto& p : r.problems) out.push_back(std::string(to_string(p.kind)) + " " + p.import);
    return out;
}

TEST(CheckModuleTest, CleanModulePasses) {
    Side s;
    s.func("strlen", {i32}, {i32});
    s.func("emscripten_get_now", {}, {f64});
    s.func("fd_write", {i32, i32, i32, i32}, {i32}, "wasi_snapshot_preview1");
    s.func("untyped_js", {i64}, {});
    s.func("__cxa_throw", {i32, i32, i32}, {});
    s.b.import_tag("env", "__cpp_exception", s.b.type({i32}, {}));
    s.b.import_table("env", "__indirect_function_table", WasmBuilder::funcref, 4);
    s.b.import_global("env", "__table_base", i32, false);
    s.got("GOT.mem", "PyExc_TypeError");
    s.got("GOT.func", "strlen");
    CheckReport r = check(s);
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.problems.empty()) << r.render();
    EXPECT_EQ(r.members, std::vector<std::string>{"pkg/_m.so"});
    EXPECT_EQ(r.notes, std::vector<std::string>{
                           "target features not compared: tiny 1.0's main module has no target_features section"});
}

TEST(CheckModuleTest, UnresolvedFunctionNamesImportAndSymbol) {
    Side s;
    s.func("wb_not_in_any_runtime", {i32}, {i32});
    CheckReport r = check(s);
    ASSERT_EQ(r.problems.size(), 1u);
    const Problem& p = r.problems[0];
    EXPECT_EQ(p.member, "pkg/_m.so");
    EXPECT_EQ(p.import, "env.wb_not_in_any_runtime");
    EXPECT_EQ(p.symbol, "wb_not_in_any_runtime");
    EXPECT_EQ(p.kind, ProblemKind::Unresolved);
    EXPECT_EQ(p.severity, Severity::Error);
    EXPECT_NE(p.hint.find("fails when one of these is first called"), std::string::npos);
    EXPECT_FALSE(r.ok());
}

TEST(CheckModuleTest, OwnExportsOtherModulesAndWeakImportsResolve) {
    Side s;
    uint32_t t = s.b.type({i32}, {i32});
    s.b.import_func("env", "self_defined", t);
    s.b.import_func("env", "from_libfoo", t);
    s.b.import_func("env", "maybe", t);
    s.got("GOT.func", "self_defined");
    s.got("GOT.mem", "libfoo_table");
    s.got("GOT.mem", "weak_data");
    s.weak("env", "maybe");
    s.weak("GOT.mem", "weak_data");
    s.b.function(t);
    s.b.export_("self_defined", 0, 3);  // 3 imported functions before it
    CheckReport r = check(s, {"from_libfoo", "libfoo_table"});
    EXPECT_TRUE(r.problems.empty()) << r.render();
}

TEST(CheckModuleTest, InternalExportsDoNotSatisfyImports) {
    Side s;
    uint32_t t = s.b.type({}, {});
    s.b.import_func("env", "__wasm_call_ctors", t);
    s.b.function(t);
    s.b.export_("__wasm_call_ctors", 0, 1);
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), std::vector<std::string>{"unresolved imports env.__wasm_call_ctors"});
}

TEST(CheckModuleTest, JavaScriptExceptionAndLongjmpHelpers) {
    Side s;
    s.func("invoke_ii", {i32, i32}, {i32});
    s.func("__cxa_find_matching_catch_2", {}, {i32});
    s.func("emscripten_longjmp", {i32, i32}, {});
    s.got("GOT.func", "emscripten_longjmp");
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"JavaScript-based exception imports env.invoke_ii",
                                                  "JavaScript-based exception imports env.__cxa_find_matching_catch_2",
                                                  "JavaScript-based longjmp imports env.emscripten_longjmp",
                                                  "JavaScript-based longjmp imports GOT.func.emscripten_longjmp"}));
    EXPECT_NE(r.problems[0].hint.find("-fexceptions"), std::string::npos);
    EXPECT_NE(r.problems[0].hint.find("-fwasm-exceptions -sSUPPORT_LONGJMP=wasm"), std::string::npos);
    EXPECT_NE(r.problems[3].hint.find("fails at load"), std::string::npos);
}

TEST(CheckModuleTest, SignatureMismatches) {
    Side s;
    s.func("strlen", {f64}, {i32});               // main-module function: LinkError
    s.func("emscripten_get_now", {i32}, {i64});   // JS function, i64 against f64: TypeError at call
    s.func("fd_write", {i32, i32}, {i32}, "wasi_snapshot_preview1");  // JS, coercible: warning
    CheckReport r = check(s);
    ASSERT_EQ(r.problems.size(), 3u) << r.render();
    EXPECT_EQ(r.problems[0].what, "env.strlen: imported as (f64) -> i32, the runtime's is (i32) -> i32");
    EXPECT_EQ(r.problems[0].severity, Severity::Error);
    EXPECT_NE(r.problems[0].hint.find("LinkError"), std::string::npos);
    EXPECT_EQ(r.problems[1].severity, Severity::Error);
    EXPECT_NE(r.problems[1].hint.find("BigInt"), std::string::npos);
    EXPECT_EQ(r.problems[2].severity, Severity::Warning);
    EXPECT_EQ(r.error_count(), 2u);
    EXPECT_EQ(r.warning_count(), 1u);
}

TEST(CheckModuleTest, KindAndGlobalTypeMismatches) {
    Side s;
    s.func("PyExc_TypeError", {}, {});
    s.b.import_global("env", "strlen", i32, false);
    s.b.import_global("env", "__table_base", i32, true);  // the loader gives a number: immutable only
    s.got("GOT.mem", "PyExc_TypeError", i32, false);
    s.got("GOT.func", "strlen", i64, true);
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"imports of the wrong kind env.PyExc_TypeError",
                                                  "imports of the wrong kind env.strlen",
                                                  "global type mismatches env.__table_base",
                                                  "global type mismatches GOT.mem.PyExc_TypeError",
                                                  "global type mismatches GOT.func.strlen"}));
    EXPECT_EQ(r.problems[2].what, "env.__table_base: imported as mut i32, the runtime's is i32");
}

TEST(CheckModuleTest, UnresolvedGotEntryFailsAtLoad) {
    Side s;
    s.got("GOT.mem", "missing_data");
    CheckReport r = check(s);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].kind, ProblemKind::Unresolved);
    EXPECT_NE(r.problems[0].hint.find("undefined symbol"), std::string::npos);
}

TEST(CheckModuleTest, SharedMemoryMeansPthread) {
    WasmBuilder b;
    b.import_memory("env", "memory", 1, 65536, true);
    b.dylink({});
    auto m = wasm::WasmModule::parse(b.build());
    ASSERT_TRUE(m);
    CheckReport r = check_module(*m, tiny_runtime(), {}, "t.so");
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"shared memory env.memory"}));
    EXPECT_EQ(r.problems[0].what,
              "env.memory: imports memory (min 1, max 65536, shared); the runtime's memory is not shared");
    EXPECT_NE(r.problems[0].hint.find("-pthread"), std::string::npos);
    EXPECT_NE(r.problems[0].hint.find("mismatch in shared state of memory"), std::string::npos);
}

TEST(CheckModuleTest, MemoryAndTableLimits) {
    WasmBuilder b;
    b.import_memory("env", "memory", 1, 1024);  // the runtime's maximum is 65536: larger
    b.import_table("env", "__indirect_function_table", WasmBuilder::externref, 1);
    b.import_memory("env", "memory64", 1, {}, false, true);
    b.dylink({});
    auto m = wasm::WasmModule::parse(b.build());
    ASSERT_TRUE(m);
    CheckReport r = check_module(*m, tiny_runtime(), {}, "t.so");
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"memory mismatches env.memory",
                                                  "table mismatches env.__indirect_function_table",
                                                  "unresolved imports env.memory64"}));
    EXPECT_EQ(r.problems[0].what, "env.memory: memory imports a maximum of 1024 pages, the runtime's is 65536");
}

TEST(CheckModuleTest, TagTypesAndMissingTags) {
    Side s;
    s.b.import_tag("env", "__cpp_exception", s.b.type({i64}, {}));
    s.b.import_tag("env", "__other_tag", s.b.type({i32}, {}));
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"signature mismatches env.__cpp_exception",
                                                  "unresolved imports env.__other_tag"}));
    RuntimeAbi js_eh = tiny_runtime();
    js_eh.tags.clear();
    Side t;
    t.b.import_tag("env", "__cpp_exception", t.b.type({i32}, {}));
    CheckReport old = check(t, {}, js_eh);
    ASSERT_EQ(old.problems.size(), 1u);
    EXPECT_NE(old.problems[0].hint.find("uses JavaScript exceptions"), std::string::npos);
}

TEST(CheckModuleTest, ThrowingWithoutTheTagMeansNoWasmExceptions) {
    Side s;
    s.func("__cxa_throw", {i32, i32, i32}, {});
    CheckReport r = check(s);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].kind, ProblemKind::MissingExceptionTag);
    EXPECT_EQ(r.problems[0].import, "env.__cxa_throw");
    EXPECT_EQ(r.problems[0].what,
              "pkg/_m.so imports __cxa_throw but not the exception tag env.__cpp_exception: it was built without "
              "-fwasm-exceptions");
    EXPECT_NE(r.problems[0].hint.find("fatal error"), std::string::npos);

    Side catching;
    catching.func("__cxa_begin_catch", {i32}, {i32});
    catching.func("invoke_v", {i32}, {});
    CheckReport c = check(catching);
    auto tag = c.find("pkg/_m.so", ProblemKind::MissingExceptionTag);
    ASSERT_EQ(tag.size(), 1u);
    EXPECT_NE(tag[0]->what.find("JavaScript-based exceptions (-fexceptions"), std::string::npos);
}

TEST(CheckModuleTest, UnknownImportModule) {
    Side s;
    s.func("f", {}, {}, "a.out");
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"imports from unknown modules a.out.f"}));
}

TEST(CheckModuleTest, NotASideModule) {
    Side s;
    s.with_dylink = false;
    CheckReport r = check(s);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"not a side module "}));
    EXPECT_NE(r.problems[0].hint.find("need dylink section"), std::string::npos);

    WasmBuilder late;
    late.type({}, {});
    late.custom("dylink.0", test::DylinkSpec{}.payload());  // after the other sections
    auto m = wasm::WasmModule::parse(late.build());
    ASSERT_TRUE(m);
    CheckReport l = check_module(*m, tiny_runtime(), {}, "late.so");
    ASSERT_EQ(l.problems.size(), 1u);
    EXPECT_EQ(l.problems[0].what, "late.so: dylink.0 is not the first section");
}

TEST(CheckModuleTest, TargetFeaturesAgainstTheRuntime) {
    RuntimeAbi abi = tiny_runtime();
    abi.target_features = std::vector<wasm::TargetFeature>{{'+', "bulk-memory"}, {'+', "mutable-globals"}};
    Side s;
    s.b.target_features({{'+', "bulk-memory"}, {'+', "simd128"}, {'-', "atomics"}});
    CheckReport r = check(s, {}, abi);
    EXPECT_EQ(kinds(r), (std::vector<std::string>{"unsupported target features "}));
    EXPECT_EQ(r.problems[0].what, "pkg/_m.so uses the simd128 feature, which tiny 1.0's main module does not");
    Side plain;
    CheckReport p = check(plain, {}, abi);
    EXPECT_TRUE(p.problems.empty());
    EXPECT_EQ(p.notes, std::vector<std::string>{"target features not compared for pkg/_m.so: it has no "
                                                "target_features section"});
}

TEST(CheckModuleTest, RenderNamesMemberImportsAndHints) {
    Side s;
    s.func("invoke_ii", {i32, i32}, {i32});
    s.func("invoke_vii", {i32, i32, i32}, {});
    s.func("wb_missing", {}, {});
    CheckReport r = check(s);
    std::string text = r.render();
    EXPECT_NE(text.find("pkg/_m.so: ABI check against tiny 1.0 FAILED: 3 errors, 0 warnings in 1 of 1 modules"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("error: JavaScript-based exception imports (2): env.invoke_ii, env.invoke_vii"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("error: env.wb_missing: not provided by tiny 1.0, the module or a library it needs"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("hint: "), std::string::npos);
    EXPECT_NE(text.find("note: target features not compared"), std::string::npos);
}

}  // namespace
}  // namespace wb::abi
