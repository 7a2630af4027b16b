#include "recipe/recipe_draft.hpp"

#include <gtest/gtest.h>

#include "recipe/recipe.hpp"

namespace wb::recipe {
namespace {

fetch::IndexFile file(std::string name, std::string requires_python = "", bool yanked = false) {
    return fetch::IndexFile{name, "https://files.test/" + name, std::string(64, 'c'), std::move(requires_python),
                            yanked};
}

specs::Version py(const char* v) { return *specs::Version::parse(v); }

TEST(ChooseRelease, TheNewestFinalReleasePreferringItsPureWheel) {
    std::vector<fetch::IndexFile> files{file("six-1.16.0.tar.gz"), file("six-1.16.0-py2.py3-none-any.whl"),
                                        file("six-1.17.0.tar.gz"), file("six-1.17.0-py2.py3-none-any.whl"),
                                        file("six-1.18.0b1-py3-none-any.whl")};
    auto c = choose_release(files, "six", std::nullopt, py("3.14"));
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->version, "1.17.0");
    EXPECT_TRUE(c->pure_wheel);
    EXPECT_EQ(c->file.filename, "six-1.17.0-py2.py3-none-any.whl");
    auto pinned = choose_release(files, "six", "1.16.0", py("3.14"));
    ASSERT_TRUE(pinned);
    EXPECT_EQ(pinned->file.filename, "six-1.16.0-py2.py3-none-any.whl");
    auto pre = choose_release(files, "six", "1.18.0b1", py("3.14"));  // asked for by name: taken
    ASSERT_TRUE(pre);
    EXPECT_EQ(pre->version, "1.18.0b1");
}

TEST(ChooseRelease, PlatformWheelsMeanTheSdistIsBuilt) {
    std::vector<fetch::IndexFile> files{file("MarkupSafe-3.0.3-cp314-cp314-manylinux_2_17_x86_64.whl"),
                                        file("markupsafe-3.0.3.tar.gz")};
    auto c = choose_release(files, "markupsafe", std::nullopt, py("3.14"));
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_FALSE(c->pure_wheel);
    EXPECT_EQ(c->file.filename, "markupsafe-3.0.3.tar.gz");
    auto only_binary = choose_release({files[0]}, "markupsafe", "3.0.3", py("3.14"));
    ASSERT_FALSE(only_binary);
    EXPECT_NE(only_binary.error().message.find("only platform wheels"), std::string::npos);
}

TEST(ChooseRelease, YankedFilesAndThoseForOtherPythonsDoNotCount) {
    std::vector<fetch::IndexFile> files{file("pkg-2.0.tar.gz", ">=3.16"), file("pkg-1.9.tar.gz", "", true),
                                        file("pkg-1.8.tar.gz", ">=3.10")};
    auto c = choose_release(files, "pkg", std::nullopt, py("3.14"));
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->version, "1.8");
    auto refused = choose_release(files, "pkg", "2.0", py("3.14"));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("pkg==2.0: the index lists no usable file of this version (1 yanked or "
                                           "not for Python 3.14)"),
              std::string::npos)
        << refused.error().message;
    EXPECT_FALSE(choose_release(files, "other", std::nullopt, py("3.14")));
}

TEST(RunRequirements, OnlyThoseThatApplyOnThePlatformWithoutExtras) {
    auto env = specs::MarkerEnvironment::emscripten("3.14");
    std::vector<std::string> lines{"six>=1.5", "tzdata; sys_platform == 'win32'",
                                   "Typing_Extensions>=4; python_version < '3.15'", "pytest; extra == 'test'", "six"};
    auto r = run_requirements(lines, {env});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, (std::vector<std::string>{"six", "typing-extensions"}));
    EXPECT_FALSE(run_requirements({"bad name!!"}, {env}));
    // Several platforms: what applies on any of them.
    auto on_315 = run_requirements(lines, {specs::MarkerEnvironment::emscripten("3.15")});
    ASSERT_TRUE(on_315);
    EXPECT_EQ(*on_315, std::vector<std::string>{"six"});
    auto both = run_requirements(lines, {specs::MarkerEnvironment::emscripten("3.15"), env});
    ASSERT_TRUE(both);
    EXPECT_EQ(*both, (std::vector<std::string>{"six", "typing-extensions"}));
}

TEST(DraftMetaYaml, ParsesBackAsARecipe) {
    Draft d;
    d.name = "python-dateutil";
    d.version = "2.9.0.post0";
    d.choice = ReleaseChoice{"2.9.0.post0", file("python_dateutil-2.9.0.post0-py2.py3-none-any.whl"), true};
    d.sha256 = std::string(64, 'c');
    d.top_level = {"dateutil"};
    d.requirements = {"six"};
    d.summary = "Extensions to the standard Python datetime module: \"quoted\"";
    d.license = "Dual License";
    std::string text = draft_meta_yaml(d);
    auto r = Recipe::parse(text, "recipes/python-dateutil/meta.yaml");
    ASSERT_TRUE(r) << r.error().message << "\n" << text;
    EXPECT_EQ(r->name, "python-dateutil");
    EXPECT_EQ(r->version, "2.9.0.post0");
    EXPECT_EQ(r->source.pypi_file, "python_dateutil-2.9.0.post0-py2.py3-none-any.whl");
    EXPECT_EQ(r->source.pypi_project, "python-dateutil");
    EXPECT_EQ(r->run_requirements, (std::vector<std::string>{"six"}));
    EXPECT_EQ(r->test.imports, (std::vector<std::string>{"dateutil"}));
    EXPECT_NE(text.find("pure-Python wheel upstream publishes"), std::string::npos) << text;
}

}  // namespace
}  // namespace wb::recipe

namespace wb::recipe {
namespace {

TEST(SdistLayout, PackagesAtTheRootOrUnderSrcAndTheirExtensionSources) {
    auto flat = sdist_layout({"PKG-INFO", "setup.py", "markupsafe/__init__.py", "markupsafe/_speedups.c",
                              "tests/__init__.py", "tests/helper.c", "docs/conf.py"});
    EXPECT_EQ(flat.top_level, (std::vector<std::string>{"markupsafe"}));
    EXPECT_EQ(flat.native_sources, (std::vector<std::string>{".c"}));
    auto src = sdist_layout({"pyproject.toml", "src/msgpack/__init__.py", "src/msgpack/_cmsgpack.pyx",
                             "src/msgpack/unpack.H"});
    EXPECT_EQ(src.top_level, (std::vector<std::string>{"msgpack"}));
    EXPECT_EQ(src.native_sources, (std::vector<std::string>{".pyx"}));
    auto modules = sdist_layout({"setup.py", "six.py", "test_six.py", "conftest.py"});
    EXPECT_EQ(modules.top_level, (std::vector<std::string>{"six"}));
    EXPECT_TRUE(modules.native_sources.empty());
}

TEST(SdistLayout, CodeUnderLibOrPythonAndOnlyImportableNames) {
    auto lib = sdist_layout({"setup.py", "lib/yaml/__init__.py", "lib/_yaml/__init__.py", "yaml/_yaml.pyx",
                             "tests/__init__.py", "tests/test_yaml.py"});
    EXPECT_EQ(lib.top_level, (std::vector<std::string>{"_yaml", "yaml"}));
    auto module = sdist_layout({"setup.py", "python/brotli.py", "python/_brotli.c", "c/enc/encode.c"});
    EXPECT_EQ(module.top_level, (std::vector<std::string>{"brotli"}));
    auto stubs = sdist_layout({"pyproject.toml", "src/wrapt/__init__.py", "src/wrapt-stubs/__init__.py",
                               "src/wrapt/_wrappers.c"});
    EXPECT_EQ(stubs.top_level, (std::vector<std::string>{"wrapt"}));
}

TEST(ChooseRelease, PreferSdistBuildsTheCompiledSpeedupsAndPlatformWheelsAreNoted) {
    std::vector<fetch::IndexFile> files{file("wrapt-2.5.2-py3-none-any.whl"), file("wrapt-2.5.2.tar.gz"),
                                        file("wrapt-2.5.2-cp314-cp314-manylinux_2_28_x86_64.whl")};
    auto wheel = choose_release(files, "wrapt", std::nullopt, py("3.14"));
    ASSERT_TRUE(wheel);
    EXPECT_TRUE(wheel->pure_wheel);
    EXPECT_TRUE(wheel->platform_wheels_too);
    auto sdist = choose_release(files, "wrapt", std::nullopt, py("3.14"), /*prefer_sdist=*/true);
    ASSERT_TRUE(sdist);
    EXPECT_FALSE(sdist->pure_wheel);
    EXPECT_EQ(sdist->file.filename, "wrapt-2.5.2.tar.gz");
}

}  // namespace
}  // namespace wb::recipe
