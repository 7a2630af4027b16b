#include "specs/wheel_name.hpp"

#include <string>

#include <gtest/gtest.h>

namespace wb::specs {
namespace {

TEST(ProjectNames, NormalizeFollowsPep503) {
    EXPECT_EQ(normalize_name("Pillow"), "pillow");
    EXPECT_EQ(normalize_name("zope.interface"), "zope-interface");
    EXPECT_EQ(normalize_name("Foo__Bar-._baz"), "foo-bar-baz");
    EXPECT_EQ(normalize_name("lxml"), "lxml");
}

TEST(ProjectNames, WheelEscapeCollapsesRunsToUnderscore) {
    EXPECT_EQ(wheel_escape("my-pkg"), "my_pkg");
    EXPECT_EQ(wheel_escape("zope.interface"), "zope_interface");
    EXPECT_EQ(wheel_escape("A-._B"), "A_B");
    EXPECT_EQ(wheel_escape("numpy"), "numpy");
}

TEST(ProjectNames, ValidityFollowsPep508) {
    EXPECT_TRUE(is_valid_project_name("a"));
    EXPECT_TRUE(is_valid_project_name("zope.interface"));
    EXPECT_TRUE(is_valid_project_name("My_Pkg-2"));
    EXPECT_FALSE(is_valid_project_name(""));
    EXPECT_FALSE(is_valid_project_name("-a"));
    EXPECT_FALSE(is_valid_project_name("a."));
    EXPECT_FALSE(is_valid_project_name("a b"));
    EXPECT_FALSE(is_valid_project_name("naïve"));
}

TEST(WheelTag, FarmTagsHaveTheDocumentedText) {
    EXPECT_EQ(WheelTag::emscripten_extension().str(), "cp311-cp311-emscripten_3_1_6_wasm32");
    EXPECT_EQ(WheelTag::pure_python().str(), "py3-none-any");
}

TEST(WheelTag, ParsesAndExpandsCompressedSets) {
    auto tag = WheelTag::parse("py2.py3-none-any");
    ASSERT_TRUE(tag) << tag.error().message;
    EXPECT_EQ(tag->python, "py2.py3");
    auto expanded = tag->expand();
    ASSERT_EQ(expanded.size(), 2u);
    EXPECT_EQ(expanded[0].str(), "py2-none-any");
    EXPECT_EQ(expanded[1].str(), "py3-none-any");
    EXPECT_EQ(WheelTag::pure_python().expand().size(), 1u);
    EXPECT_FALSE(WheelTag::parse("py3-none"));
    EXPECT_FALSE(WheelTag::parse("py3--any"));
    EXPECT_FALSE(WheelTag::parse("py3-no ne-any"));
}

TEST(WheelName, ParsesFiveParts) {
    auto name = WheelName::parse("numpy-1.19.5-cp311-cp311-emscripten_3_1_6_wasm32.whl");
    ASSERT_TRUE(name) << name.error().message;
    EXPECT_EQ(name->distribution, "numpy");
    EXPECT_EQ(name->version, "1.19.5");
    EXPECT_EQ(name->build_tag, "");
    EXPECT_EQ(name->tag(), WheelTag::emscripten_extension());
    EXPECT_EQ(name->filename(), "numpy-1.19.5-cp311-cp311-emscripten_3_1_6_wasm32.whl");
}

TEST(WheelName, ParsesBuildTag) {
    auto name = WheelName::parse("Pillow-9.4.0-2_wb-py3-none-any.whl");
    ASSERT_TRUE(name) << name.error().message;
    EXPECT_EQ(name->build_tag, "2_wb");
    EXPECT_EQ(name->project(), "pillow");
    EXPECT_EQ(name->filename(), "Pillow-9.4.0-2_wb-py3-none-any.whl");
}

TEST(WheelName, MakeEscapesNameAndNormalizesVersion) {
    WheelName name = WheelName::make("my-cool.pkg", "1.0-Alpha1", WheelTag::pure_python());
    EXPECT_EQ(name.filename(), "my_cool_pkg-1.0a1-py3-none-any.whl");
    auto back = WheelName::parse(name.filename());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, name);
    EXPECT_EQ(back->project(), "my-cool-pkg");
}

TEST(WheelName, FilenameEscapesFieldsSetByHand) {
    WheelName name{"my-pkg", "1.0", "", "py3", "none", "any"};
    EXPECT_EQ(name.filename(), "my_pkg-1.0-py3-none-any.whl");
}

TEST(WheelName, RejectsMalformedNamesWithReason) {
    const char* bad[] = {
        "numpy-1.19.5-cp311-cp311.whl",                 // 4 parts
        "numpy-1.19.5-cp311-cp311-linux.tar.gz",        // not .whl
        "numpy-1.x-cp311-cp311-any.whl",                // bad version
        "numpy-1.0-x1-py3-none-any.whl",                // build tag without a leading digit
        "-1.0-py3-none-any.whl",                        // empty name
        "a-b-c-d-e-f-g.whl",                            // too many parts
        "dir/numpy-1.0-py3-none-any.whl",               // a path
        "numpy-1.0-py3-none-.whl",                      // empty platform
    };
    for (const char* text : bad) {
        auto name = WheelName::parse(text);
        ASSERT_FALSE(name) << "accepted " << text;
        EXPECT_EQ(name.error().kind, util::ErrorKind::Input);
        EXPECT_NE(name.error().message.find(text), std::string::npos) << name.error().message;
        EXPECT_NE(name.error().message.find("expected"), std::string::npos) << name.error().message;
    }
}

}  // namespace
}  // namespace wb::specs
