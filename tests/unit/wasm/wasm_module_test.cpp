#include "wasm/wasm_module.hpp"

#include <gtest/gtest.h>

#include "fakes/wasm_builder.hpp"

namespace wb::wasm {
namespace {

using test::Bytes;
using test::WasmBuilder;

Expected<WasmModule> parse(const Bytes& b) { return WasmModule::parse(b); }

/// A side module shaped like emcc's output: env functions, globals, memory, table, a tag, GOT entries.
Bytes side_module() {
    WasmBuilder b;
    test::DylinkSpec dylink;
    dylink.memory_size = 16;
    dylink.memory_align = 2;
    dylink.table_size = 3;
    dylink.needed = {"libfoo.so"};
    dylink.runtime_paths = {"$ORIGIN/lib"};
    dylink.export_info = {{"tls_var", 0x100}};
    dylink.import_info = {{"env", "maybe_there", 1}, {"GOT.mem", "strong", 0}};
    b.dylink(dylink);
    uint32_t ii_i = b.type({WasmBuilder::i32}, {WasmBuilder::i32});
    uint32_t dd_d = b.type({WasmBuilder::f64, WasmBuilder::f64}, {WasmBuilder::f64});
    uint32_t i_ = b.type({WasmBuilder::i32}, {});
    b.import_func("env", "strlen", ii_i);
    b.import_func("env", "pow", dd_d);
    b.import_global("env", "__stack_pointer", WasmBuilder::i32, true);
    b.import_global("GOT.mem", "strong", WasmBuilder::i32, true);
    b.import_memory("env", "memory", 1, {});
    b.import_table("env", "__indirect_function_table", WasmBuilder::funcref, 3);
    b.import_tag("env", "__cpp_exception", i_);
    b.function(dd_d);  // function index 2 (after two imported functions)
    b.function(ii_i);  // index 3
    b.global(WasmBuilder::i32, false, 8);
    b.export_("wb_pow", 0, 2);
    b.export_("wb_len", 0, 3);
    b.export_("strlen_again", 0, 0);
    b.export_("data_ptr", 3, 2);  // globals: 2 imported, then the defined one
    b.target_features({{'+', "exception-handling"}, {'+', "bulk-memory"}, {'-', "atomics"}});
    b.custom("producers", {0x00});
    return b.build();
}

TEST(WasmModuleTest, ReadsImportsWithTheirTypes) {
    auto m = parse(side_module());
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->imports.size(), 7u);
    const Import* pow = m->find_import("env", "pow");
    ASSERT_NE(pow, nullptr);
    EXPECT_EQ(pow->kind, ExternalKind::Function);
    EXPECT_EQ(to_string(pow->signature), "(f64, f64) -> f64");
    const Import* sp = m->find_import("env", "__stack_pointer");
    ASSERT_NE(sp, nullptr);
    EXPECT_EQ(to_string(sp->global), "mut i32");
    const Import* memory = m->find_import("env", "memory");
    ASSERT_NE(memory, nullptr);
    EXPECT_EQ(memory->memory.limits.min, 1u);
    EXPECT_FALSE(memory->memory.limits.max);
    EXPECT_FALSE(memory->memory.shared);
    const Import* table = m->find_import("env", "__indirect_function_table");
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(to_string(table->table), "funcref, min 3");
    const Import* tag = m->find_import("env", "__cpp_exception");
    ASSERT_NE(tag, nullptr);
    EXPECT_EQ(tag->kind, ExternalKind::Tag);
    EXPECT_EQ(to_string(tag->signature), "(i32) -> ()");
    EXPECT_EQ(m->imported_count(ExternalKind::Function), 2u);
    EXPECT_EQ(m->imported_count(ExternalKind::Global), 2u);
}

TEST(WasmModuleTest, ResolvesExportSignaturesPastImportedFunctions) {
    auto m = parse(side_module());
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->exports.size(), 4u);
    EXPECT_EQ(to_string(m->find_export("wb_pow")->signature), "(f64, f64) -> f64");
    EXPECT_EQ(to_string(m->find_export("wb_len")->signature), "(i32) -> i32");
    EXPECT_EQ(to_string(m->find_export("strlen_again")->signature), "(i32) -> i32");
    const Export* data = m->find_export("data_ptr");
    EXPECT_EQ(data->kind, ExternalKind::Global);
    EXPECT_EQ(to_string(data->global), "i32");
}

TEST(WasmModuleTest, ReadsDylinkSection) {
    auto m = parse(side_module());
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_TRUE(m->dylink);
    const DylinkInfo& d = *m->dylink;
    EXPECT_EQ(d.memory_size, 16u);
    EXPECT_EQ(d.memory_align, 2u);
    EXPECT_EQ(d.table_size, 3u);
    EXPECT_EQ(d.needed, std::vector<std::string>{"libfoo.so"});
    EXPECT_EQ(d.runtime_paths, std::vector<std::string>{"$ORIGIN/lib"});
    ASSERT_EQ(d.export_info.size(), 1u);
    EXPECT_EQ(d.export_info[0].flags, k_symbol_tls);
    EXPECT_TRUE(d.is_weak_import("env", "maybe_there"));
    EXPECT_FALSE(d.is_weak_import("GOT.mem", "strong"));
    EXPECT_FALSE(d.is_weak_import("env", "strlen"));
}

TEST(WasmModuleTest, ReadsTargetFeaturesAndCustomSectionNames) {
    auto m = parse(side_module());
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_TRUE(m->target_features);
    ASSERT_EQ(m->target_features->size(), 3u);
    EXPECT_EQ((*m->target_features)[2], (TargetFeature{'-', "atomics"}));
    EXPECT_EQ(m->custom_section_names(), (std::vector<std::string>{"dylink.0", "target_features", "producers"}));
    EXPECT_EQ(m->sections.front().name, "dylink.0");
}

TEST(WasmModuleTest, ReadsDefinedMemoriesGlobalsAndTags) {
    WasmBuilder b;
    uint32_t t = b.type({WasmBuilder::i32}, {});
    b.memory(256, 65536);
    b.global(WasmBuilder::i32, true, 5);
    b.tag(t);
    b.export_("memory", 2, 0);
    b.export_("__stack_pointer", 3, 0);
    b.export_("__cpp_exception", 4, 0);
    auto m = parse(b.build());
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(to_string(m->find_export("memory")->memory), "min 256, max 65536");
    EXPECT_EQ(to_string(m->find_export("__stack_pointer")->global), "mut i32");
    EXPECT_EQ(to_string(m->find_export("__cpp_exception")->signature), "(i32) -> ()");
    EXPECT_FALSE(m->dylink);
    EXPECT_FALSE(m->target_features);
}

TEST(WasmModuleTest, ReadsSharedAndMemory64Limits) {
    WasmBuilder b;
    b.import_memory("env", "memory", 1, 65536, true);
    b.import_memory("env", "memory64", 2, {}, false, true);
    auto m = parse(b.build());
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(to_string(m->imports[0].memory), "min 1, max 65536, shared");
    EXPECT_EQ(to_string(m->imports[1].memory), "min 2, memory64");
}

TEST(WasmModuleTest, EmptyModuleParses) {
    auto m = parse(test::module_header());
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_TRUE(m->imports.empty());
    EXPECT_TRUE(m->sections.empty());
}

TEST(WasmModuleTest, RefusesBadMagicAndVersion) {
    auto m = parse(Bytes{0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message, "not a WebAssembly module: no \\0asm magic number at byte offset 0");
    auto component = parse(Bytes{0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00});
    ASSERT_FALSE(component);
    EXPECT_NE(component.error().message.find("unsupported binary version"), std::string::npos);
    EXPECT_FALSE(parse(Bytes{0x00, 0x61}));
}

TEST(WasmModuleTest, EveryTruncationIsAnErrorOrAValidPrefix) {
    Bytes full = side_module();
    for (size_t n = 0; n < full.size(); ++n) {
        Bytes cut(full.begin(), full.begin() + n);
        auto m = parse(cut);
        if (!m) {
            EXPECT_EQ(m.error().kind, util::ErrorKind::Input);
            EXPECT_NE(m.error().message.find("byte offset"), std::string::npos) << m.error().message;
        }
    }
}

TEST(WasmModuleTest, TruncatedImportNamesSectionAndOffset) {
    WasmBuilder b;
    b.import_global("env", "__stack_pointer", WasmBuilder::i32, true);
    Bytes bytes = b.build();
    // Shrink the import section's declared size so the field name runs past it.
    ASSERT_EQ(bytes[8], 2);
    bytes[9] -= 10;
    bytes.resize(bytes.size() - 10);
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message,
              "import section: 15 bytes of import field name run past the end (8 bytes left) at byte offset 16");
}

TEST(WasmModuleTest, SectionRunningPastTheFileIsRefused) {
    Bytes bytes = test::module_header();
    bytes.insert(bytes.end(), {0x01, 0x20, 0x01});
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message, "module: type section declares 32 bytes but only 1 are left at byte offset 8");
}

TEST(WasmModuleTest, OversizedCountIsRefusedBeforeAllocating) {
    Bytes payload;
    test::put_leb(payload, 0xfffffff0u);  // four billion imports in a few bytes
    payload.insert(payload.end(), {0x00, 0x00, 0x00});
    Bytes bytes = test::module_header();
    test::append(bytes, test::section(2, payload));
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message,
              "import section: count 4294967280 of import count exceeds what the 3 bytes left can hold at byte "
              "offset 10");
}

TEST(WasmModuleTest, OverlongLebInSectionSize) {
    Bytes bytes = test::module_header();
    bytes.insert(bytes.end(), {0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message, "module: overlong LEB128 (more than 5 bytes) reading section size at byte offset 9");
}

TEST(WasmModuleTest, TypeIndexOutOfRange) {
    WasmBuilder b;
    b.type({}, {});
    b.import_func("env", "f", 7);
    auto m = parse(b.build());
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("import section: function type index 7 out of range (1 types)"), std::string::npos)
        << m.error().message;
}

TEST(WasmModuleTest, ExportOfMissingFunction) {
    WasmBuilder b;
    b.export_("ghost", 0, 3);
    auto m = parse(b.build());
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("export section: export 'ghost' names function 3, which does not exist"),
              std::string::npos)
        << m.error().message;
}

TEST(WasmModuleTest, SectionsOutOfOrderOrDuplicated) {
    Bytes bytes = test::module_header();
    Bytes empty_vector{0x00};
    test::append(bytes, test::section(7, empty_vector));
    test::append(bytes, test::section(1, empty_vector));
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message, "module: type section is duplicated or out of order at byte offset 11");

    Bytes twice = test::module_header();
    test::append(twice, test::section(1, empty_vector));
    test::append(twice, test::section(1, empty_vector));
    EXPECT_FALSE(parse(twice));
    // The tag section sits between memory and global.
    Bytes tags = test::module_header();
    test::append(tags, test::section(5, empty_vector));
    test::append(tags, test::section(13, empty_vector));
    test::append(tags, test::section(6, empty_vector));
    EXPECT_TRUE(parse(tags));
}

TEST(WasmModuleTest, UnknownSectionAndLeftoverBytes) {
    Bytes unknown = test::module_header();
    test::append(unknown, test::section(42, {}));
    auto m = parse(unknown);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message, "module: unknown section id 42 at byte offset 8");

    Bytes leftover = test::module_header();
    test::append(leftover, test::section(1, {0x00, 0xaa}));
    auto l = parse(leftover);
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error().message, "type section: 1 bytes left over at the end of the section at byte offset 11");
}

TEST(WasmModuleTest, MalformedDylinkSubsection) {
    Bytes payload{0x01, 0x10, 0x00};  // mem info claims 16 bytes, has 1
    Bytes bytes = test::module_header();
    test::append(bytes, test::custom_section("dylink.0", payload));
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().message,
              "custom section 'dylink.0': 16 bytes of subsection run past the end (1 bytes left) at byte offset 21");
}

TEST(WasmModuleTest, FunctionsWithoutCodeSection) {
    Bytes bytes = test::module_header();
    test::append(bytes, test::section(1, {0x01, 0x60, 0x00, 0x00}));
    test::append(bytes, test::section(3, {0x01, 0x00}));
    auto m = parse(bytes);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("no code section"), std::string::npos);
}

TEST(WasmModuleTest, SkipsConstantExpressionsOfGlobals) {
    Bytes globals{0x03,
                  0x7e, 0x00, 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x0b,  // i64.const
                  0x7c, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x0b,                                // f64.const 1
                  0x7f, 0x00, 0x23, 0x00, 0x41, 0x04, 0x6a, 0x0b};  // global.get 0; i32.const 4; i32.add
    Bytes bytes = test::module_header();
    test::append(bytes, test::section(6, globals));
    auto m = parse(bytes);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->globals.size(), 3u);
    EXPECT_EQ(m->globals[0].type, ValType::I64);
    EXPECT_EQ(m->globals[1].type, ValType::F64);

    Bytes bad{0x01, 0x7f, 0x00, 0x10, 0x00, 0x0b};  // call inside a constant expression
    Bytes bad_module = test::module_header();
    test::append(bad_module, test::section(6, bad));
    auto e = parse(bad_module);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().message, "global section: unsupported opcode 0x10 in a constant expression at byte offset 13");
}

}  // namespace
}  // namespace wb::wasm
