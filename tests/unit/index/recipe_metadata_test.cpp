#include <gtest/gtest.h>

#include "index/publish/recipe_metadata.hpp"
#include "index/publish/wheel_inspector.hpp"

namespace wb::index {
namespace {

PackageRecord record(const std::string& project, std::vector<std::string> requires_dist) {
    PackageRecord r;
    r.project = project;
    r.name = project;
    r.file_name = project + "-1.0-py3-none-any.whl";
    r.top_level = {project};
    r.requires_dist = std::move(requires_dist);
    return r;
}

TEST(RecipeMetadata, ParsesEntriesByNormalizedName) {
    auto m = parse_recipe_metadata(R"({"packages": {"My_Pkg": {"imports": ["a"], "shared_library": true,
                                                             "version": "ignored"}}})", "packages.json");
    ASSERT_TRUE(m.has_value()) << m.error().message;
    ASSERT_TRUE(m->contains("my-pkg"));
    EXPECT_EQ(*m->at("my-pkg").imports, std::vector<std::string>{"a"});
    EXPECT_TRUE(*m->at("my-pkg").shared_library);
    EXPECT_FALSE(m->at("my-pkg").depends.has_value());
}

TEST(RecipeMetadata, WrongTypesNameTheFileAndPackage) {
    auto m = parse_recipe_metadata(R"({"numpy": {"depends": "scipy"}})", "wheels/packages.json");
    ASSERT_FALSE(m.has_value());
    EXPECT_NE(m.error().message.find("wheels/packages.json: package \"numpy\": \"depends\""), std::string::npos)
        << m.error().message;
    EXPECT_FALSE(parse_recipe_metadata(R"({"numpy": {"package_type": "plugin"}})", "p.json").has_value());
}

TEST(RecipeMetadata, DerivedDependsSkipExtrasAndMissingPackages) {
    Catalog c;
    c["a-1.0-py3-none-any.whl"] = record("a", {"B>=1", "c; extra == \"x\"", "missing"});
    c["b-1.0-py3-none-any.whl"] = record("b", {});
    c["c-1.0-py3-none-any.whl"] = record("c", {});
    auto warnings = fill_lock_fields(c, {});
    EXPECT_EQ(c["a-1.0-py3-none-any.whl"].depends, std::vector<std::string>{"b"});
    EXPECT_EQ(c["a-1.0-py3-none-any.whl"].imports, std::vector<std::string>{"a"});
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("\"missing\""), std::string::npos);
}

TEST(RecipeMetadata, RecipeFieldsWin) {
    Catalog c;
    c["a-1.0-py3-none-any.whl"] = record("a", {"b"});
    c["b-1.0-py3-none-any.whl"] = record("b", {});
    RecipeMetadataMap m;
    m["a"].depends = std::vector<std::string>{};
    m["a"].install_dir = "stdlib";
    m["a"].package_type = "cpython_module";
    fill_lock_fields(c, m);
    EXPECT_TRUE(c["a-1.0-py3-none-any.whl"].depends.empty());
    EXPECT_EQ(c["a-1.0-py3-none-any.whl"].install_dir, "stdlib");
    EXPECT_EQ(c["a-1.0-py3-none-any.whl"].package_type, "cpython_module");
}

TEST(WheelInspector, MetadataHeadersKeepRepeatsAndStopAtTheBody) {
    auto h = parse_metadata_headers("Name: x\r\nRequires-Dist: a\nRequires-Dist: b ; extra == 'y'\nLicense: one\n"
                                    "  two\n\nRequires-Dist: in the body\n");
    EXPECT_EQ(h.count("Requires-Dist"), 2u);
    EXPECT_EQ(h.find("Name")->second, "x");
    EXPECT_EQ(h.find("License")->second, "one\ntwo");
}

TEST(WheelInspector, TopLevelNamesFromMemberPaths) {
    auto names = top_level_names({"pkg/__init__.py", "pkg/sub/x.py", "mod.py", "_ext.cpython-311-wasm32-emscripten.so",
                                  "pkg-1.0.dist-info/METADATA", "pkg-1.0.data/scripts/tool", "not-valid/x.py"});
    EXPECT_EQ(names, (std::vector<std::string>{"_ext", "mod", "pkg"}));
}

}  // namespace
}  // namespace wb::index
