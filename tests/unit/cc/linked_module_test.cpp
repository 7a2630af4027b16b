#include "cc/linked_module.hpp"

#include <gtest/gtest.h>

#include "fakes/wasm_builder.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cc {
namespace {

std::string write_module(const std::filesystem::path& dir, const std::string& name, const test::Bytes& bytes) {
    std::string path = (dir / name).string();
    EXPECT_TRUE(util::write_file_atomic(path, std::string(bytes.begin(), bytes.end())));
    return path;
}

TEST(LinkedModule, FeatureFlagsAsEmccBuildsThem) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-linked-test-");
    test::WasmBuilder b;
    b.target_features({{'+', "bulk-memory"}, {'+', "exception-handling"}, {'-', "atomics"},
                       {'+', "nontrapping-fptoint"}, {'+', "simd128"}});
    auto linked = LinkedModule::read(write_module(dir, "m.so", b.build()));
    ASSERT_TRUE(linked) << linked.error().message;
    EXPECT_EQ(linked->feature_flags,
              (std::vector<std::string>{"--mvp-features", "--enable-bulk-memory", "--enable-exception-handling",
                                        "--enable-nontrapping-float-to-int", "--enable-simd"}));
    EXPECT_FALSE(linked->has_js_code);
    util::remove_tree_quiet(dir);
}

TEST(LinkedModule, EmAsmAndEmJsAreSeen) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-linked-test-");
    for (const char* name : {"__start_em_asm", "__em_js__answer", "__start_em_js"}) {
        test::WasmBuilder b;
        b.function(b.type({}, {}));
        b.export_(name, 0, 0);
        auto linked = LinkedModule::read(write_module(dir, "js.so", b.build()));
        ASSERT_TRUE(linked) << linked.error().message;
        EXPECT_TRUE(linked->has_js_code) << name;
    }
    util::remove_tree_quiet(dir);
}

TEST(LinkedModule, NotAModuleIsAnError) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-linked-test-");
    EXPECT_FALSE(LinkedModule::read(write_module(dir, "x.so", {'n', 'o', 'p', 'e'})));
    EXPECT_FALSE(LinkedModule::read((dir / "missing.so").string()));
    util::remove_tree_quiet(dir);
}

TEST(BinaryenFeatureFlag, Renames) {
    EXPECT_EQ(binaryen_feature_flag("atomics"), "--enable-threads");
    EXPECT_EQ(binaryen_feature_flag("simd128"), "--enable-simd");
    EXPECT_EQ(binaryen_feature_flag("reference-types"), "--enable-reference-types");
}

}  // namespace
}  // namespace wb::cc
