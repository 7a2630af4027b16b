#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "engine/build_key.hpp"
#include "engine_test_support.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

/// A static library "lib" (with a build script and a patch) and a package "pkg", on platform a.
class BuildKeyTest : public test::ProjectTest {
protected:
    void SetUp() override {
        ProjectTest::SetUp();
        m_lib = test::lib("lib");
        m_pkg = test::make_recipe("pkg", recipe::BuildType::Package, {"lib"});
        fs::create_directories(project() / "recipes/lib");
        fs::create_directories(project() / "recipes/pkg");
        fs::create_directories(project() / "patches/lib");
        write_file("recipes/lib/build.sh", "make\n");
        write_file("patches/lib/0001-a.patch", "Why: a\n");
        m_ctx = {project(), "frontend-1", "tools-1"};
    }
    void write_file(const std::string& rel, const std::string& text) { write(project() / rel, text); }

    /// lib's node: shared (as the graph makes a C library) unless told otherwise.
    graph::Node node(const recipe::Recipe& r, const platform::Platform& p, bool shared) const {
        graph::Node n;
        n.recipe = &r;
        n.platform = &p;
        n.platforms = {&p};
        n.shared = shared;
        return n;
    }
    KeyInputs inputs(const graph::Node& n, std::vector<std::pair<std::string, std::string>> deps = {}) {
        auto k = compute_key_inputs(n, m_ctx, deps);
        EXPECT_TRUE(k) << k.error().message;
        return k ? *k : KeyInputs{};
    }
    KeyInputs lib_inputs(std::vector<std::pair<std::string, std::string>> deps = {}) {
        return inputs(node(m_lib, a(), true), std::move(deps));
    }

    recipe::Recipe m_lib, m_pkg;
    KeyContext m_ctx;
};

TEST_F(BuildKeyTest, SameInputsSameKey) {
    EXPECT_EQ(lib_inputs().key(), lib_inputs().key());
    EXPECT_EQ(lib_inputs().key().size(), 64u);
}

TEST_F(BuildKeyTest, ASharedNodeIsKeyedOnTheFlavorAPlatformNodeOnTheIdentity) {
    KeyInputs shared = lib_inputs();
    EXPECT_EQ(shared.parts.at("flavor"), a().flavor);
    EXPECT_FALSE(shared.parts.count("platform"));
    KeyInputs own = inputs(node(m_lib, a(), false));
    EXPECT_EQ(own.parts.at("platform"), a().identity);
    EXPECT_FALSE(own.parts.count("flavor"));
    // a and b share root and flags: one key for the shared node, two for per-platform nodes.
    ASSERT_NE(a().identity, b().identity);
    EXPECT_EQ(inputs(node(m_lib, b(), true)).key(), shared.key());
    EXPECT_NE(inputs(node(m_lib, b(), false)).key(), own.key());
}

TEST_F(BuildKeyTest, OnlyPackagesDependOnTheFrontEndAndTheTools) {
    KeyInputs pkg = inputs(node(m_pkg, a(), false));
    EXPECT_EQ(pkg.parts.at("frontend"), "frontend-1");
    EXPECT_EQ(pkg.parts.at("tools"), "tools-1");
    KeyInputs lib = lib_inputs();
    EXPECT_FALSE(lib.parts.count("frontend"));
    EXPECT_FALSE(lib.parts.count("tools"));
    m_ctx.frontend_identity = "frontend-2";
    EXPECT_EQ(KeyInputs::differences(pkg, inputs(node(m_pkg, a(), false))),
              std::vector<std::string>{"frontend changed"});
    m_ctx.tools_identity = "tools-2";
    EXPECT_EQ(lib_inputs().key(), lib.key());
}

TEST_F(BuildKeyTest, EachInputChangesTheKeyAndIsNamed) {
    KeyInputs base = lib_inputs();
    write_file("patches/lib/0001-a.patch", "Why: b\n");
    KeyInputs patched = lib_inputs();
    EXPECT_NE(base.key(), patched.key());
    EXPECT_EQ(KeyInputs::differences(base, patched), std::vector<std::string>{"patch 0001-a.patch changed"});

    write_file("patches/lib/0002-b.patch", "Why: c\n");
    EXPECT_EQ(KeyInputs::differences(patched, lib_inputs()), std::vector<std::string>{"patch 0002-b.patch added"});
    fs::remove(project() / "patches/lib/0002-b.patch");

    write_file("recipes/lib/build.sh", "make -j\n");
    EXPECT_EQ(KeyInputs::differences(patched, lib_inputs()), std::vector<std::string>{"file build.sh changed"});

    KeyInputs before_dep = lib_inputs();
    KeyInputs with_dep = lib_inputs({{"zlib", "k1"}});
    EXPECT_EQ(KeyInputs::differences(before_dep, with_dep), std::vector<std::string>{"dependency zlib added"});
    EXPECT_EQ(KeyInputs::differences(with_dep, lib_inputs({{"zlib", "k2"}})),
              std::vector<std::string>{"dependency zlib changed"});
    EXPECT_EQ(KeyInputs::differences(with_dep, before_dep), std::vector<std::string>{"dependency zlib removed"});

    m_lib.source.sha256 = std::string(64, 'b');
    auto diff = KeyInputs::differences(before_dep, lib_inputs());
    EXPECT_NE(std::find(diff.begin(), diff.end(), "source changed"), diff.end());
    EXPECT_NE(std::find(diff.begin(), diff.end(), "recipe changed"), diff.end());
}

TEST_F(BuildKeyTest, AChosenSourceDateEpochIsAKeyPartTheDefaultIsNot) {
    KeyInputs by_default = lib_inputs();
    EXPECT_FALSE(by_default.parts.count("source_date_epoch"));
    m_ctx.source_date_epoch = 1700000000;
    KeyInputs chosen = lib_inputs();
    EXPECT_EQ(chosen.parts.at("source_date_epoch"), "1700000000");
    EXPECT_EQ(KeyInputs::differences(by_default, chosen), std::vector<std::string>{"source_date_epoch added"});
    m_ctx.source_date_epoch = 1700000001;
    EXPECT_NE(lib_inputs().key(), chosen.key());
}

TEST_F(BuildKeyTest, ALocalSourceIsHashedByItsContent) {
    m_lib.source.sha256.clear();
    m_lib.source.path = "src";
    write_file("recipes/lib/src/a.c", "int a;\n");
    KeyInputs before = lib_inputs();
    write_file("recipes/lib/src/a.c", "int b;\n");
    EXPECT_EQ(KeyInputs::differences(before, lib_inputs()), std::vector<std::string>{"source changed"});
}

TEST_F(BuildKeyTest, DocumentationAndTestOnlyFilesDoNotChangeTheKey) {
    m_lib.test.expected_failures_file = "expected_failures.yaml";
    m_lib.test.script = "smoke_test.py";
    KeyInputs base = lib_inputs();
    write_file("recipes/lib/NOTES.md", "notes\n");
    write_file("recipes/lib/expected_failures.yaml", "[]\n");
    write_file("recipes/lib/smoke_test.py", "print(1)\n");
    EXPECT_EQ(base.key(), lib_inputs().key());
    write_file("recipes/lib/pre.js", "x\n");
    EXPECT_EQ(KeyInputs::differences(base, lib_inputs()), std::vector<std::string>{"file pre.js added"});
}

TEST_F(BuildKeyTest, RecipeListOverridesThePatchFolder) {
    write_file("recipes/lib/only.patch", "x\n");
    m_lib.source.patches = {"only.patch"};
    auto patches = recipe_patches(m_lib, project());
    ASSERT_EQ(patches.size(), 1u);
    EXPECT_EQ(patches[0].filename(), "only.patch");
    m_lib.source.patches = {"missing.patch"};
    auto k = compute_key_inputs(node(m_lib, a(), true), m_ctx, {});
    ASSERT_FALSE(k);
    EXPECT_NE(k.error().message.find("recipes/lib/meta.yaml"), std::string::npos) << k.error().message;
}

TEST_F(BuildKeyTest, JsonRoundTrip) {
    KeyInputs k = lib_inputs({{"zlib", "k1"}});
    EXPECT_EQ(KeyInputs::from_json(k.to_json()).key(), k.key());
    EXPECT_EQ(KeyInputs::from_json(k.to_json()).parts, k.parts);
}

}  // namespace
}  // namespace wb::engine
