#include <gtest/gtest.h>

#include "recipe/recipe.hpp"

namespace wb::recipe {
namespace {

const char* k_numpy = R"(package:
  name: numpy
  version: 1.19.5
  top-level: [numpy]
source:
  debian:
    package: numpy
    version: "1:1.19.5-1"
    file: numpy_1.19.5.orig.tar.xz
  sha256: 8b474321e5eda27119f3f916ec9078b772fd3b011b9a91f86a65a0984e731285
build:
  cflags: -Wno-return-type
  env:
    NPY_BLAS_ORDER: ""
requirements:
  run: [something]
test:
  imports: [numpy]
  suite:
    args: [numpy]
    min-passed: 10
    expected-failures:
      - test: numpy/core/tests/test_x.py
        reason: no threads
about:
  summary: Arrays
)";

TEST(Recipe, ParsesPyodideSchemaAndExtensions) {
    auto r = Recipe::parse(k_numpy, "recipes/numpy/meta.yaml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->name, "numpy");
    EXPECT_EQ(r->version, "1.19.5");
    EXPECT_EQ(r->type, BuildType::Package);
    EXPECT_EQ(r->source.debian_package, "numpy");
    EXPECT_EQ(r->source.debian_version, "1:1.19.5-1");
    EXPECT_EQ(r->top_level, std::vector<std::string>{"numpy"});
    EXPECT_EQ(r->env.at("NPY_BLAS_ORDER"), "");
    EXPECT_EQ(r->test.min_passed, 10);
    ASSERT_EQ(r->test.expected_failures.size(), 1u);
    EXPECT_EQ(r->test.expected_failures[0].reason, "no threads");
    EXPECT_EQ(r->run_requirements, std::vector<std::string>{"something"});
    EXPECT_EQ(r->locations.at("run:something").substr(0, 24), "recipes/numpy/meta.yaml:");
}

TEST(Recipe, CanonicalChangesWithBuildInputsOnly) {
    auto a = Recipe::parse(k_numpy, "recipes/numpy/meta.yaml");
    std::string changed = k_numpy;
    changed.replace(changed.find("-Wno-return-type"), 16, "-O3");
    auto b = Recipe::parse(changed, "recipes/numpy/meta.yaml");
    std::string summary_only = k_numpy;
    summary_only.replace(summary_only.find("Arrays"), 6, "Numbers");
    auto c = Recipe::parse(summary_only, "recipes/numpy/meta.yaml");
    ASSERT_TRUE(a && b && c);
    EXPECT_NE(a->canonical(), b->canonical());
    EXPECT_EQ(a->canonical(), c->canonical());
}

struct BadCase {
    const char* text;
    const char* message;
};

class RecipeErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(RecipeErrors, NameFileLineColumnAndWhatWasExpected) {
    auto r = Recipe::parse(GetParam().text, "recipes/x/meta.yaml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, util::ErrorKind::Input);
    EXPECT_NE(r.error().message.find(GetParam().message), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    All, RecipeErrors,
    ::testing::Values(
        BadCase{"package: {name: x, version: '1', color: red}\n", "recipes/x/meta.yaml:1:34: unknown key 'package.color'"},
        BadCase{"package: {name: y, version: '1'}\n", "does not match its folder 'x'"},
        BadCase{"package: {name: x, version: 'one'}\n", "'one' is not a valid version"},
        BadCase{"package: {name: x}\n", "missing required key 'version'"},
        BadCase{"package: {name: x, version: '1'}\nsource: {url: 'http://h/x.tgz'}\nbuild: {type: static_library, script: s}\n",
                "missing 'sha256'"},
        BadCase{"package: {name: x, version: '1'}\nsource: {path: ., url: 'http://h/x'}\n",
                "expected exactly one of 'url', 'debian' or 'path'"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {type: static_library}\n", "needs a 'script'"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {unvendor-tests: true}\n",
                "'build.unvendor-tests' is a Pyodide meta.yaml key that wasm-build does not support yet"},
        BadCase{"package: {name: x, version: '1'}\nrequirements: {host: lib}\n", "'requirements.host': expected a list"},
        BadCase{"package: {name: x, version: '1'}\nextra: 1\n", "unknown key 'extra'"},
        BadCase{"- a\n- b\n", "expected a YAML mapping"},
        BadCase{"package: [\n", "invalid YAML"}));

TEST(ExpectedFailures, ParsesAListFile) {
    auto list = parse_expected_failures("- test: a.py::T\n  reason: r1\n- test: b.py\n  reason: r2\n", "x.yaml");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[1].test, "b.py");
    auto bad = parse_expected_failures("- test: a.py\n", "x.yaml");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("missing required key 'reason'"), std::string::npos);
}

}  // namespace
}  // namespace wb::recipe
