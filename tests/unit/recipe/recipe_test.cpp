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

// Keys of Pyodide's schema that a recipe copied from Pyodide's repository carries.
TEST(Recipe, AcceptsPyodidesTagsPinExtractDirPostAndMaintainers) {
    const std::string text = R"(package:
  name: x
  version: "1.0"
  tag: [always]
  _tag: [core]
  pinned: true
source:
  url: https://example.org/x-1.0.tar.gz
  sha256: )" + std::string(64, 'a') + R"(
  extract_dir: x-src
build:
  post: |
    rm -rf x/tests
requirements:
  run: [y]
extra:
  recipe-maintainers: [someone]
)";
    auto r = Recipe::parse(text, "recipes/x/meta.yaml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->tags, (std::vector<std::string>{"always", "core"}));
    EXPECT_TRUE(r->pinned);
    EXPECT_EQ(r->source.extract_dir, "x-src");
    EXPECT_EQ(r->post, "rm -rf x/tests\n");
    EXPECT_EQ(r->maintainers, std::vector<std::string>{"someone"});
    // post and extract_dir change what is built; tags, the pin and maintainers do not.
    std::string other_post = text;
    other_post.replace(other_post.find("x/tests"), 7, "x/docs");
    std::string no_labels = text;
    for (const char* line : {"  tag: [always]\n", "  pinned: true\n", "  _tag: [core]\n"}) {
        no_labels.erase(no_labels.find(line), std::string(line).size());
    }
    auto b = Recipe::parse(other_post, "recipes/x/meta.yaml");
    auto c = Recipe::parse(no_labels, "recipes/x/meta.yaml");
    ASSERT_TRUE(b && c);
    EXPECT_NE(r->canonical(), b->canonical());
    EXPECT_EQ(r->canonical(), c->canonical());
}

// Pyodide's numpy recipe marks the files packages built against it read: every package's wheel is
// visible to such builds, so the keys are accepted, and the files are checked in the built wheel.
TEST(Recipe, AcceptsPyodidesCrossBuildEnvAndFiles) {
    const std::string text = R"(package: {name: x, version: "1.0"}
build:
  cross-build-env: true
  cross-build-files:
    - x/_core/include/x/config.h
    - x/_core/lib/libxmath.a
)";
    auto r = Recipe::parse(text, "recipes/x/meta.yaml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->cross_build_env);
    EXPECT_EQ(r->cross_build_files,
              (std::vector<std::string>{"x/_core/include/x/config.h", "x/_core/lib/libxmath.a"}));
    auto escaping = Recipe::parse("package: {name: x, version: '1'}\nbuild:\n  cross-build-files: [../etc/passwd]\n",
                                  "recipes/x/meta.yaml");
    ASSERT_FALSE(escaping);
    EXPECT_NE(escaping.error().message.find("expected a path inside the package's wheel"), std::string::npos)
        << escaping.error().message;
    auto library = Recipe::parse("package: {name: x, version: '1'}\nbuild: {type: static_library, script: s, "
                                 "cross-build-env: true}\n",
                                 "recipes/x/meta.yaml");
    ASSERT_FALSE(library);
    EXPECT_NE(library.error().message.find("only a package"), std::string::npos) << library.error().message;
}

struct BadCase {
    std::string text;
    std::string message;
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
                "expected exactly one of 'url', 'pypi', 'debian' or 'path'"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {type: static_library}\n", "needs a 'script'"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {vendor-sharedlib: true}\n",
                "recipes/x/meta.yaml:2:9: 'build.vendor-sharedlib' is a Pyodide meta.yaml key that wasm-build does not "
                "support: shared libraries are not copied into wheels"},
        BadCase{"package: {name: x, version: '1'}\nrequirements: {constraint: ['setuptools<70']}\n",
                "'requirements.constraint' is a Pyodide meta.yaml key that wasm-build does not support: build tools "
                "come from the toolchain root"},
        BadCase{"package: {name: x, version: '1', pinned: maybe}\n", "'package.pinned': expected true or false"},
        BadCase{"package: {name: x, version: '1'}\nsource: {url: 'http://h/x.tgz', sha256: " + std::string(64, 'a') +
                    ", extract_dir: ../up}\n",
                "'source.extract_dir'"},
        BadCase{"package: {name: x, version: '1'}\nextra: {maintainers: [a]}\n", "unknown key 'extra.maintainers'"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {unvendor-tests: sometimes}\n",
                "recipes/x/meta.yaml:2:25: 'build.unvendor-tests': expected true or false"},
        BadCase{"package: {name: x, version: '1'}\nbuild: {type: runtime, script: s}\n",
                "unknown build type 'runtime' (expected one of: package, static_library, shared_library, cross_env)"},
        BadCase{"package: {name: x, version: '1'}\nsource: {pypi: {file: x-1.tar.gz}}\n",
                "missing 'sha256': a downloaded source must be pinned by its hash"},
        BadCase{"package: {name: x, version: '1'}\nsource: {pypi: {file: a/x-1.tar.gz}, sha256: " + std::string(64, 'a') +
                    "}\n",
                "'source.pypi.file': expected a file name, not a path"},
        BadCase{"package: {name: x, version: '1'}\nsource: {pypi: {project: x}, sha256: " + std::string(64, 'a') + "}\n",
                "'source.pypi': missing required key 'file'"},
        BadCase{"package: {name: x, version: '1'}\ntest: {suite: {data: [tests/data]}}\n",
                "unknown key 'test.suite.data'"},
        BadCase{"package: {name: x, version: '1'}\nrequirements: {host: lib}\n", "'requirements.host': expected a list"},
        BadCase{"package: {name: x, version: '1'}\nfeedstock: 1\n", "unknown key 'feedstock'"},
        BadCase{"package: {name: x, version: '1'}\nsource: {path: src, unpack: {max-ratio: 0}}\n",
                "recipes/x/meta.yaml:2:41: 'source.unpack.max-ratio': expected a positive whole number"},
        BadCase{"package: {name: x, version: '1'}\nsource: {path: src, unpack: {max-gib: 1}}\n",
                "unknown key 'source.unpack.max-gib'"},
        BadCase{"- a\n- b\n", "expected a YAML mapping"},
        BadCase{"package: [\n", "invalid YAML"}));

TEST(Recipe, ParsesTheFarmsExtensions) {
    auto r = Recipe::parse("package: {name: x, version: '2.0'}\n"
                           "source:\n  pypi: {file: x-2.0.tar.gz}\n  sha256: " + std::string(64, 'a') + "\n"
                           "build: {unvendor-tests: false}\n"
                           "test:\n  suite:\n    args: [--pyargs, x]\n    requires: [pytest, hypothesis]\n",
                           "recipes/x/meta.yaml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->source.pypi_project, "x");  // the recipe's name unless given
    EXPECT_EQ(r->source.pypi_file, "x-2.0.tar.gz");
    EXPECT_TRUE(r->source.has_source());
    EXPECT_FALSE(r->unvendor_tests);
    EXPECT_EQ(r->test.suite_requires, (std::vector<std::string>{"pytest", "hypothesis"}));
    EXPECT_EQ(r->source.unpack_max_ratio, 0);  // the default
    auto bounded = Recipe::parse("package: {name: x, version: '1'}\n"
                                 "source: {path: src, unpack: {max-entries: 10, max-mib: 8192, max-ratio: 400}}\n",
                                 "recipes/x/meta.yaml");
    ASSERT_TRUE(bounded) << bounded.error().message;
    EXPECT_EQ(bounded->source.unpack_max_entries, 10);
    EXPECT_EQ(bounded->source.unpack_max_mib, 8192);
    EXPECT_EQ(bounded->source.unpack_max_ratio, 400);
    auto other = Recipe::parse("package: {name: x, version: '2.0'}\nsource: {pypi: {project: X-Lib, file: f.whl}, "
                               "sha256: " + std::string(64, 'a') + "}\n",
                               "recipes/x/meta.yaml");
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_EQ(other->source.pypi_project, "X-Lib");
    EXPECT_TRUE(other->unvendor_tests);  // the default
    EXPECT_NE(r->canonical(), other->canonical());
}

TEST(Recipe, ACrossEnvironmentIsABuildTypeWithAScript) {
    auto r = Recipe::parse("package: {name: x, version: '1'}\nbuild: {type: cross_env, script: make}\n",
                           "recipes/x/meta.yaml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->type, BuildType::CrossEnv);
    EXPECT_STREQ(build_type_name(r->type), "cross_env");
    auto no_script = Recipe::parse("package: {name: x, version: '1'}\nbuild: {type: cross_env}\n",
                                   "recipes/x/meta.yaml");
    ASSERT_FALSE(no_script);
    EXPECT_NE(no_script.error().message.find("a cross_env recipe needs a 'script'"), std::string::npos);
}

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
