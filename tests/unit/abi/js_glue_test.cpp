#include "abi/js_glue.hpp"

#include <gtest/gtest.h>

#include "abi/signature_code.hpp"

namespace wb::abi {
namespace {

using wasm::ValType;

TEST(JsGlueTest, ReadsKeysSigsAndAliases) {
    const char* glue =
        "var x=1;function ___assert_fail(a,b,c,d){}___assert_fail.sig=\"vppip\";"
        "var _emscripten_get_now=()=>performance.now();_emscripten_get_now.sig=\"d\";"
        "var _glFoo=(a)=>a;_glFoo.sig='vi';var _glFooANGLE=_glFoo;"
        "function helper_js(){}"
        "var wasmImports={__assert_fail:___assert_fail,emscripten_get_now:_emscripten_get_now,"
        "glFooANGLE:_glFooANGLE,helper_js,\"quoted:key\":_glFoo,inline_fn:function(a,b){return {a,b}}};"
        "var ASM_CONSTS={1:()=>{wasmImports[\"open64\"]=wasmImports[\"open\"]}};";
    auto g = parse_js_glue(glue);
    ASSERT_TRUE(g) << g.error().message;
    ASSERT_EQ(g->functions.size(), 6u);
    EXPECT_EQ(g->functions.at("__assert_fail"), "vppip");
    EXPECT_EQ(g->functions.at("emscripten_get_now"), "d");
    EXPECT_EQ(g->functions.at("glFooANGLE"), "vi");  // through `var _glFooANGLE=_glFoo`
    EXPECT_EQ(g->functions.at("helper_js"), std::nullopt);
    EXPECT_EQ(g->functions.at("quoted:key"), "vi");
    EXPECT_EQ(g->functions.at("inline_fn"), std::nullopt);
    ASSERT_EQ(g->aliases.size(), 1u);
    EXPECT_EQ(g->aliases[0], (std::pair<std::string, std::string>{"open64", "open"}));
}

TEST(JsGlueTest, SkipsAssignmentsThatAreNotTheLiteral) {
    auto g = parse_js_glue("if(wasmImports==null){}wasmImports[\"a\"]=1;var wasmImports = {\n  a: _a, b: _b\n};");
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->functions.size(), 2u);
    EXPECT_TRUE(g->aliases.empty());
}

TEST(JsGlueTest, RefusesGlueWithoutWasmImports) {
    auto g = parse_js_glue("console.log('hello')");
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().kind, util::ErrorKind::Input);
    EXPECT_NE(g.error().message.find("wasmImports"), std::string::npos);
    auto open = parse_js_glue("var wasmImports={a:_a,b:\"}");
    ASSERT_FALSE(open);
    EXPECT_NE(open.error().message.find("not closed"), std::string::npos);
}

TEST(SignatureCodeTest, RoundTrips) {
    wasm::FuncType t{{ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::ExternRef}, {ValType::V128}};
    EXPECT_EQ(signature_code(t), "ijfde>V");
    EXPECT_EQ(parse_signature_code("ijfde>V"), t);
    EXPECT_EQ(signature_code({}), ">");
    EXPECT_EQ(parse_signature_code(">"), wasm::FuncType{});
    EXPECT_EQ(parse_signature_code("ii"), std::nullopt);
    EXPECT_EQ(parse_signature_code("i>i>"), std::nullopt);
    EXPECT_EQ(parse_signature_code("q>"), std::nullopt);
}

TEST(SignatureCodeTest, EmscriptenSigs) {
    EXPECT_EQ(parse_emscripten_sig("vppip", false),
              (wasm::FuncType{{ValType::I32, ValType::I32, ValType::I32, ValType::I32}, {}}));
    EXPECT_EQ(parse_emscripten_sig("pj", true), (wasm::FuncType{{ValType::I64}, {ValType::I64}}));
    EXPECT_EQ(parse_emscripten_sig("d", false), (wasm::FuncType{{}, {ValType::F64}}));
    EXPECT_EQ(parse_emscripten_sig("eiei", false),
              (wasm::FuncType{{ValType::I32, ValType::ExternRef, ValType::I32}, {ValType::ExternRef}}));
    EXPECT_EQ(parse_emscripten_sig("", false), std::nullopt);
    EXPECT_EQ(parse_emscripten_sig("vX", false), std::nullopt);
}

}  // namespace
}  // namespace wb::abi
