#include "wheel/metadata.hpp"

#include <gtest/gtest.h>

namespace wb::wheel {
namespace {

WheelSpec sample() {
    WheelSpec spec;
    spec.name = "Pillow";
    spec.version = "9.4.0";
    spec.tag = specs::WheelTag::emscripten_extension();
    spec.requires_dist = {"numpy (>=1.19)", "pytest ; extra == 'tests'"};
    spec.summary = "Python Imaging Library";
    spec.home_page = "https://example.invalid/pillow";
    spec.license = "HPND\nsecond line";
    spec.requires_python = ">= 3.11";
    spec.extra_metadata = {{"Provides-Extra", "tests"}};
    return spec;
}

TEST(Metadata, WritesCoreMetadataFieldsInOrder) {
    auto text = make_metadata(sample());
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text,
              "Metadata-Version: 2.1\n"
              "Name: Pillow\n"
              "Version: 9.4.0\n"
              "Summary: Python Imaging Library\n"
              "Home-page: https://example.invalid/pillow\n"
              "License: HPND\n"
              "        second line\n"
              "Requires-Python: >=3.11\n"
              "Requires-Dist: numpy>=1.19\n"
              "Requires-Dist: pytest; extra == 'tests'\n"
              "Provides-Extra: tests\n");
}

TEST(Metadata, LeavesOutEmptyFieldsAndNormalizesVersion) {
    WheelSpec spec;
    spec.name = "tiny";
    spec.version = "1.0-1";
    spec.tag = specs::WheelTag::pure_python();
    auto text = make_metadata(spec);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text, "Metadata-Version: 2.1\nName: tiny\nVersion: 1.0.post1\n");
}

TEST(Metadata, RejectsBadFieldsNamingThem) {
    struct Case {
        void (*change)(WheelSpec&);
        const char* field;
    };
    Case cases[] = {
        {[](WheelSpec& s) { s.version = "nine"; }, "Version"},
        {[](WheelSpec& s) { s.name = "bad name"; }, "Name"},
        {[](WheelSpec& s) { s.summary = "two\nlines"; }, "Summary"},
        {[](WheelSpec& s) { s.requires_dist.push_back("numpy>=1.x"); }, "Requires-Dist"},
        {[](WheelSpec& s) { s.requires_python = "3.11"; }, "Requires-Python"},
        {[](WheelSpec& s) { s.extra_metadata.push_back({"Version", "2"}); }, "Version"},
        {[](WheelSpec& s) { s.extra_metadata.push_back({"Bad: key", "x"}); }, "Bad: key"},
    };
    for (const auto& c : cases) {
        WheelSpec spec = sample();
        c.change(spec);
        auto text = make_metadata(spec);
        ASSERT_FALSE(text) << c.field;
        EXPECT_EQ(text.error().kind, util::ErrorKind::Input);
        EXPECT_NE(text.error().message.find(std::string(c.field) + ":"), std::string::npos) << text.error().message;
        EXPECT_NE(text.error().message.find("'" + spec.name + "'"), std::string::npos) << text.error().message;
    }
}

TEST(Metadata, WheelInfoExpandsCompressedTags) {
    WheelSpec spec = sample();
    spec.tag = specs::WheelTag{"py2.py3", "none", "any"};
    spec.root_is_purelib = true;
    auto text = make_wheel_info(spec);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text, "Wheel-Version: 1.0\nGenerator: wasm-build\nRoot-Is-Purelib: true\n"
                     "Tag: py2-none-any\nTag: py3-none-any\n");
    spec.tag = specs::WheelTag{"py3", "", "any"};
    EXPECT_FALSE(make_wheel_info(spec));
}

TEST(Metadata, NamesTheDistInfoDirectoryAndWheelFile) {
    WheelSpec spec = sample();
    spec.name = "my.cool-pkg";
    spec.version = "1.0-rc1";
    EXPECT_EQ(*dist_info_dir(spec), "my_cool_pkg-1.0rc1.dist-info");
    EXPECT_EQ(*wheel_filename(spec), "my_cool_pkg-1.0rc1-cp311-cp311-emscripten_3_1_6_wasm32.whl");
}

}  // namespace
}  // namespace wb::wheel
