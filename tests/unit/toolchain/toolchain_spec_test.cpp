#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "toolchain/toolchain_spec.hpp"
#include "util/strings.hpp"

namespace wb::toolchain {
namespace {

/// A toolchain file for toolchains/tc.yaml; line numbers below are counted on this text.
const char* k_spec = "toolchain:\n"                                    // 1
                     "  name: tc\n"                                    // 2
                     "  suite: sid\n"                                  // 3
                     "  apt-options: [Acquire::Check-Valid-Until=false]\n"  // 4
                     "  packages:\n"                                   // 5
                     "    - emscripten=6.0.5+dfsg-2\n"                 // 6
                     "    - clang-21=1:21.1.8-14\n"                    // 7
                     "  prepare:\n"                                    // 8
                     "    - emcc --version\n";                         // 9

std::string changed(const std::string& from, const std::string& to) {
    std::string text = k_spec;
    EXPECT_NE(text.find(from), std::string::npos) << from;
    return util::replace_all(text, from, to);
}

TEST(ToolchainSpec, ParsesPinsOptionsAndPrepareCommands) {
    auto spec = ToolchainSpec::parse(k_spec, "toolchains/tc.yaml");
    ASSERT_TRUE(spec) << spec.error().message;
    EXPECT_EQ(spec->name, "tc");
    EXPECT_EQ(spec->suite, "sid");
    EXPECT_EQ(spec->variant, "minbase");
    EXPECT_EQ(spec->apt_options, std::vector<std::string>{"Acquire::Check-Valid-Until=false"});
    EXPECT_EQ(spec->packages, (std::vector<std::string>{"emscripten=6.0.5+dfsg-2", "clang-21=1:21.1.8-14"}));
    EXPECT_EQ(spec->prepare, std::vector<std::string>{"emcc --version"});
    EXPECT_TRUE(spec->identity.empty());  // parse alone reads no lock
}

struct BadCase {
    std::string text;
    std::string message;
};

class ToolchainSpecErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ToolchainSpecErrors, NameTheFileAndWhatWasExpected) {
    auto spec = ToolchainSpec::parse(GetParam().text, "toolchains/tc.yaml");
    ASSERT_FALSE(spec);
    EXPECT_EQ(spec.error().kind, util::ErrorKind::Input);
    EXPECT_NE(spec.error().message.find(GetParam().message), std::string::npos) << spec.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    All, ToolchainSpecErrors,
    ::testing::Values(
        BadCase{changed("- clang-21=1:21.1.8-14", "- clang-21"),
                "toolchains/tc.yaml:6:5: 'toolchain.packages': 'clang-21': expected name=version (every package is "
                "pinned)"},
        BadCase{changed("- clang-21=1:21.1.8-14", "- clang-21=latest version"), "'clang-21=latest version': expected "
                                                                                 "name=version"},
        BadCase{changed("- clang-21=1:21.1.8-14", "- Clang=1"), "'Clang=1': expected name=version"},
        BadCase{changed("  packages:\n    - emscripten=6.0.5+dfsg-2\n    - clang-21=1:21.1.8-14\n", ""),
                "'toolchain.packages': expected at least one name=version pin"},
        BadCase{changed("name: tc", "name: other"),
                "toolchains/tc.yaml:2:9: 'toolchain.name': toolchain name 'other' does not match its file name"},
        BadCase{changed("Acquire::Check-Valid-Until=false", "Acquire::Check-Valid-Until"),
                "'Acquire::Check-Valid-Until': expected Name=value"},
        BadCase{changed("  suite: sid\n", "  suite: sid\n  mirror: x\n"), "toolchains/tc.yaml:4:3: unknown key "
                                                                           "'toolchain.mirror'"},
        BadCase{"tools: {}\n", "unknown key 'tools' (expected one of: toolchain)"},
        BadCase{changed("  suite: sid\n", ""), "missing required key 'suite'"}));

TEST(Manifest, LinesAreNameEqualsVersionSortedAndUnique) {
    auto ok = parse_manifest("# comment\n\na=1\nb=2:3.0-1\n", "tc.lock");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(*ok, (std::vector<std::string>{"a=1", "b=2:3.0-1"}));
    auto unsorted = parse_manifest("b=1\na=1\n", "tc.lock");
    ASSERT_FALSE(unsorted);
    EXPECT_EQ(unsorted.error().message, "tc.lock:2: 'a=1': lines must be sorted and unique");
    auto duplicate = parse_manifest("a=1\na=1\n", "tc.lock");
    ASSERT_FALSE(duplicate);
    EXPECT_NE(duplicate.error().message.find("tc.lock:2:"), std::string::npos);
    auto bad = parse_manifest("a=1\nb\n", "tc.lock");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "tc.lock:2: 'b': expected a name=version line");
}

TEST(Manifest, IdentityCoversPackagesAndPrepareCommands) {
    std::vector<std::string> m = {"a=1", "b=2"};
    std::string base = manifest_identity(m, {});
    EXPECT_EQ(base.size(), 64u);
    EXPECT_EQ(manifest_identity(m, {}), base);
    EXPECT_NE(manifest_identity({"a=1", "b=3"}, {}), base);
    EXPECT_NE(manifest_identity({"a=1"}, {}), base);
    std::string one = manifest_identity(m, {"emcc -v"});
    EXPECT_NE(one, base);
    EXPECT_NE(manifest_identity(m, {"emcc -v", "emcc -v"}), one);  // the number of commands counts
    EXPECT_NE(manifest_identity(m, {"emcc -c x.c"}), one);
    EXPECT_EQ(manifest_text(m), "a=1\nb=2\n");
}

TEST(Manifest, DifferencesNameThePackageAndBothVersions) {
    auto d = manifest_differences({"a=1", "b=2", "c=3"}, {"a=1", "b=2.1", "d=4"});
    EXPECT_EQ(d, (std::vector<std::string>{"b: pinned 2, installed 2.1", "c: pinned 3, not installed",
                                           "d: installed 4, not in the lock"}));
    EXPECT_TRUE(manifest_differences({"a=1"}, {"a=1"}).empty());
}

class ToolchainLoad : public test::TempDirTest {};

TEST_F(ToolchainLoad, WithoutALockThereIsNoIdentity) {
    write(dir() / "tc.yaml", k_spec);
    auto spec = ToolchainSpec::load(dir() / "tc.yaml");
    ASSERT_TRUE(spec) << spec.error().message;
    EXPECT_EQ(spec->lock_file, dir() / "tc.lock");
    EXPECT_TRUE(spec->manifest.empty());
    EXPECT_TRUE(spec->identity.empty());
}

TEST_F(ToolchainLoad, TheLockGivesTheManifestAndTheIdentity) {
    write(dir() / "tc.yaml", k_spec);
    write(dir() / "tc.lock", "# lock\nbase-files=14\nclang-21=1:21.1.8-14\nemscripten=6.0.5+dfsg-2\n");
    auto spec = ToolchainSpec::load(dir() / "tc.yaml");
    ASSERT_TRUE(spec) << spec.error().message;
    EXPECT_EQ(spec->manifest.size(), 3u);
    EXPECT_EQ(spec->identity, manifest_identity(spec->manifest, {"emcc --version"}));
    EXPECT_EQ(spec->short_id(), spec->identity.substr(0, 16));
}

TEST_F(ToolchainLoad, ALockMissingAPinnedPackageIsRefused) {
    // Loading succeeds (`toolchain lock` must be able to re-lock it), but the spec has no identity and
    // says why; a platform naming it is refused with that message (PlatformSet::select).
    write(dir() / "tc.yaml", k_spec);
    write(dir() / "tc.lock", "base-files=14\nclang-21=1:21.1.8-13\n");
    auto spec = ToolchainSpec::load(dir() / "tc.yaml");
    ASSERT_TRUE(spec) << spec.error().message;
    EXPECT_TRUE(spec->identity.empty());
    const std::string& m = spec->lock_problem;
    EXPECT_NE(m.find((dir() / "tc.lock").string() + ": the lock does not hold the pinned packages"), std::string::npos) << m;
    EXPECT_NE(m.find("clang-21: pinned 1:21.1.8-14, installed 1:21.1.8-13"), std::string::npos) << m;
    EXPECT_NE(m.find("emscripten: pinned 6.0.5+dfsg-2, not installed"), std::string::npos) << m;
    EXPECT_NE(m.find("`wasm-build toolchain lock tc`"), std::string::npos) << m;
}

TEST_F(ToolchainLoad, ABadLockLineNamesTheLockFile) {
    write(dir() / "tc.yaml", k_spec);
    write(dir() / "tc.lock", "emscripten=6.0.5+dfsg-2\nclang-21=1:21.1.8-14\n");
    auto spec = ToolchainSpec::load(dir() / "tc.yaml");
    ASSERT_FALSE(spec);
    EXPECT_NE(spec.error().message.find((dir() / "tc.lock").string() + ":2: "), std::string::npos)
        << spec.error().message;
}

}  // namespace
}  // namespace wb::toolchain
