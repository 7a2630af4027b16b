#include <gtest/gtest.h>

#include <fstream>

#include "engine/build_key.hpp"
#include "util/file_util.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

class BuildKeyTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = *util::make_temp_dir(util::temp_root(), "wb-key-");
        fs::create_directories(m_dir / "recipes/lib");
        fs::create_directories(m_dir / "patches/lib");
        write("recipes/lib/build.sh", "make\n");
        write("patches/lib/0001-a.patch", "Why: a\n");
        m_recipe.name = "lib";
        m_recipe.version = "1.0";
        m_recipe.type = recipe::BuildType::StaticLibrary;
        m_recipe.script = "bash build.sh";
        m_recipe.source.sha256 = std::string(64, 'a');
        m_recipe.file = "recipes/lib/meta.yaml";
    }
    void TearDown() override { util::remove_tree_quiet(m_dir); }
    void write(const std::string& rel, const std::string& text) { std::ofstream(m_dir / rel) << text; }
    KeyInputs inputs(std::vector<std::pair<std::string, std::string>> deps = {}) {
        auto k = compute_key_inputs(m_recipe, m_dir, specs::Platform::known()[0], "emcc 3.1.6", deps);
        EXPECT_TRUE(k) << k.error().message;
        return *k;
    }
    fs::path m_dir;
    recipe::Recipe m_recipe;
};

TEST_F(BuildKeyTest, SameInputsSameKey) { EXPECT_EQ(inputs().key(), inputs().key()); }

TEST_F(BuildKeyTest, EachInputChangesTheKeyAndIsNamed) {
    KeyInputs base = inputs();
    write("patches/lib/0001-a.patch", "Why: b\n");
    KeyInputs patched = inputs();
    EXPECT_NE(base.key(), patched.key());
    EXPECT_EQ(KeyInputs::differences(base, patched), std::vector<std::string>{"patch 0001-a.patch changed"});

    write("recipes/lib/build.sh", "make -j\n");
    EXPECT_EQ(KeyInputs::differences(patched, inputs()), std::vector<std::string>{"file build.sh changed"});

    KeyInputs before_dep = inputs();
    KeyInputs with_dep = inputs({{"zlib", "k1"}});
    EXPECT_EQ(KeyInputs::differences(before_dep, with_dep), std::vector<std::string>{"dependency zlib added"});
    EXPECT_EQ(KeyInputs::differences(with_dep, inputs({{"zlib", "k2"}})),
              std::vector<std::string>{"dependency zlib changed"});

    m_recipe.source.sha256 = std::string(64, 'b');
    auto diff = KeyInputs::differences(before_dep, inputs());
    EXPECT_NE(std::find(diff.begin(), diff.end(), "source changed"), diff.end());
}

TEST_F(BuildKeyTest, DocumentationAndTestOnlyFilesDoNotChangeTheKey) {
    m_recipe.test.expected_failures_file = "expected_failures.yaml";
    m_recipe.test.script = "smoke_test.py";
    KeyInputs base = inputs();
    write("recipes/lib/NOTES.md", "notes\n");
    write("recipes/lib/expected_failures.yaml", "[]\n");
    write("recipes/lib/smoke_test.py", "print(1)\n");
    EXPECT_EQ(base.key(), inputs().key());
    write("recipes/lib/node_env.js", "x\n");
    EXPECT_NE(base.key(), inputs().key());
}

TEST_F(BuildKeyTest, RecipeListOverridesThePatchFolder) {
    write("recipes/lib/only.patch", "x\n");
    m_recipe.source.patches = {"only.patch"};
    auto patches = recipe_patches(m_recipe, m_dir);
    ASSERT_EQ(patches.size(), 1u);
    EXPECT_EQ(patches[0].filename(), "only.patch");
    m_recipe.source.patches = {"missing.patch"};
    auto k = compute_key_inputs(m_recipe, m_dir, specs::Platform::known()[0], "emcc", {});
    ASSERT_FALSE(k);
    EXPECT_NE(k.error().message.find("recipes/lib/meta.yaml"), std::string::npos);
}

TEST_F(BuildKeyTest, JsonRoundTrip) {
    KeyInputs k = inputs({{"zlib", "k1"}});
    EXPECT_EQ(KeyInputs::from_json(k.to_json()).key(), k.key());
}

}  // namespace
}  // namespace wb::engine
