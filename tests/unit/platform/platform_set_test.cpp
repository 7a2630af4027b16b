#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "fakes/test_platforms.hpp"
#include "fakes/test_toolchains.hpp"
#include "platform/platform_set.hpp"

namespace wb::platform {
namespace {
using fakes::make_platform;
using fakes::make_toolchain;

Platform default_platform(Platform p) {
    p.is_default = true;
    return p;
}

toolchain::ToolchainSpec unlocked(const std::string& name) {
    auto spec = make_toolchain(name);
    spec.manifest.clear();
    spec.identity.clear();
    return spec;
}

std::vector<std::string> names(const std::vector<const Platform*>& platforms) {
    std::vector<std::string> out;
    for (const auto* p : platforms) out.push_back(p->name);
    return out;
}

TEST(PlatformSet, ExactlyOneDefault) {
    auto none = PlatformSet::from({make_platform("a", "3.14"), make_platform("b", "3.15")}, {make_toolchain("tc")});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().kind, util::ErrorKind::Input);
    EXPECT_NE(none.error().message.find("platforms (a, b): expected exactly one with 'default: true', found 0"),
              std::string::npos) << none.error().message;
    auto two = PlatformSet::from({default_platform(make_platform("a", "3.14")),
                                  default_platform(make_platform("b", "3.15"))}, {make_toolchain("tc")});
    ASSERT_FALSE(two);
    EXPECT_NE(two.error().message.find("found 2"), std::string::npos) << two.error().message;
    auto one = PlatformSet::from({make_platform("a", "3.14"), default_platform(make_platform("b", "3.15"))},
                                 {make_toolchain("tc")});
    ASSERT_TRUE(one) << one.error().message;
    EXPECT_EQ(one->default_platform().name, "b");
}

TEST(PlatformSet, AMissingToolchainIsNamed) {
    auto set = PlatformSet::from({default_platform(make_platform("a", "3.14", "nope"))}, {make_toolchain("tc")});
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().kind, util::ErrorKind::Input);
    EXPECT_NE(set.error().message.find("platforms/a.yaml: platform 'a' names toolchain 'nope', but there is no "
                                       "toolchains/nope.yaml"),
              std::string::npos) << set.error().message;
}

TEST(PlatformSet, TwoPlatformsCannotShareATag) {
    auto b = make_platform("b", "3.15");
    b.tag = make_platform("a", "3.14").tag;
    auto set = PlatformSet::from({default_platform(make_platform("a", "3.14")), b}, {make_toolchain("tc")});
    ASSERT_FALSE(set);
    EXPECT_NE(set.error().message.find("platforms/b.yaml: tag 'pyemscripten_a_wasm32' is also the tag of "
                                       "platforms/a.yaml"),
              std::string::npos) << set.error().message;
}

TEST(PlatformSet, AToolchainWithoutALockIsRefusedWhenSelected) {
    auto set = PlatformSet::from({default_platform(make_platform("a", "3.14", "locked")),
                                  make_platform("b", "3.15", "fresh")},
                                 {make_toolchain("locked"), unlocked("fresh")});
    ASSERT_TRUE(set) << set.error().message;  // loading is fine: `toolchain lock` needs the set
    EXPECT_TRUE(set->find("b")->identity.empty());
    auto a = set->select({"a"});
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(names(*a), std::vector<std::string>{"a"});
    for (const auto& request : {std::vector<std::string>{"b"}, std::vector<std::string>{}}) {
        auto b = set->select(request);
        ASSERT_FALSE(b);
        EXPECT_EQ(b.error().kind, util::ErrorKind::Usage);
        EXPECT_NE(b.error().message.find("platform 'b': toolchain 'fresh' has no lock (toolchains/fresh.lock); "
                                         "create it with `wasm-build toolchain lock fresh`"),
                  std::string::npos) << b.error().message;
    }
}

TEST(PlatformSet, SelectGivesEnabledPlatformsOrTheNamedOnesInOrder) {
    auto c = make_platform("c", "3.13");
    c.enabled = false;
    auto set = PlatformSet::from({default_platform(make_platform("a", "3.14")), make_platform("b", "3.15"), c},
                                 {make_toolchain("tc")});
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(names(*set->select({})), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(names(*set->select({"c", "a", "c"})), (std::vector<std::string>{"c", "a"}));
    auto unknown = set->select({"a", "zz"});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, util::ErrorKind::Usage);
    EXPECT_EQ(unknown.error().message, "unknown platform 'zz' (expected one of: a, b, c)");
    EXPECT_EQ(set->find("zz"), nullptr);
    EXPECT_EQ(&set->toolchain_of(*set->find("b")), set->find_toolchain("tc"));
}

/// The identity and flavor PlatformSet gives platform `p` with toolchain `tc`.
std::pair<std::string, std::string> ids(Platform p, toolchain::ToolchainSpec tc) {
    p.is_default = true;
    p.toolchain = tc.name;
    auto set = PlatformSet::from({p}, {tc});
    EXPECT_TRUE(set) << set.error().message;
    const Platform& got = set->all().at(0);
    EXPECT_EQ(got.identity.size(), 64u);
    EXPECT_EQ(got.flavor.size(), 64u);
    return {got.identity, got.flavor};
}

TEST(PlatformSet, IdentityFollowsTheFileAndTheRootsLock) {
    auto base = ids(make_platform("a", "3.14"), make_toolchain("tc"));
    EXPECT_EQ(ids(make_platform("a", "3.14"), make_toolchain("tc")), base);
    Platform edited = make_platform("a", "3.14");
    edited.file_sha256 = util::sha256_hex("another text of the file");
    EXPECT_NE(ids(edited, make_toolchain("tc")).first, base.first);
    auto relocked = make_toolchain("tc", {"base-files=14", "emscripten=6.0.6-1", "nodejs=24.1-1"});
    EXPECT_NE(ids(make_platform("a", "3.14"), relocked).first, base.first);
    auto prepared = make_toolchain("tc");
    prepared.prepare = {"emcc --version"};
    prepared.identity = toolchain::manifest_identity(prepared.manifest, prepared.prepare);
    EXPECT_NE(ids(make_platform("a", "3.14"), prepared).first, base.first);
}

TEST(PlatformSet, FlavorIsTheRootAndTheFlagsOnly) {
    auto a = ids(make_platform("a", "3.14"), make_toolchain("tc"));
    auto b = ids(make_platform("b", "3.15"), make_toolchain("tc"));
    EXPECT_NE(a.first, b.first);    // another file, another Python
    EXPECT_EQ(a.second, b.second);  // same root and flags: C libraries are shared
    Platform other_flags = make_platform("b", "3.15");
    other_flags.cflags.push_back("-O3");
    EXPECT_NE(ids(other_flags, make_toolchain("tc")).second, a.second);
    Platform other_ldflags = make_platform("b", "3.15");
    other_ldflags.ldflags.pop_back();
    EXPECT_NE(ids(other_ldflags, make_toolchain("tc")).second, a.second);
    auto other_root = make_toolchain("tc", {"base-files=15", "emscripten=6.0.5-1", "nodejs=24.1-1"});
    EXPECT_NE(ids(make_platform("b", "3.15"), other_root).second, a.second);
}

class PlatformSetLoad : public test::TempDirTest {
protected:
    std::string platform_file(const std::string& name, bool is_default) {
        return "platform:\n  name: " + name + "\n  tag: pyemscripten_2026_" + (is_default ? "0" : "5") +
               "_wasm32\n  default: " + (is_default ? "true" : "false") +
               "\npython:\n  version: \"3.14\"\n  build-python: /usr/bin/python3.14\n  cross-env: xenv\n"
               "toolchain: tc\nruntime:\n  npm: pyodide\n  version: 314.0.8\n  integrity: sha512-" +
               std::string(86, 'A') + "==\n  python: 3.14.2\n  emscripten: 5.0.3\n";
    }
};

TEST_F(PlatformSetLoad, ReadsPlatformFilesAndLockedToolchains) {
    write(dir() / "platforms/one.yaml", platform_file("one", true));
    write(dir() / "platforms/two.yaml", platform_file("two", false));
    write(dir() / "platforms/README.md", "not a platform\n");
    write(dir() / "toolchains/tc.yaml", "toolchain:\n  name: tc\n  suite: sid\n  packages: [emscripten=6.0.5-1]\n");
    write(dir() / "toolchains/tc.lock", "# the lock\nbase-files=14\nemscripten=6.0.5-1\n");
    auto set = PlatformSet::load(dir());
    ASSERT_TRUE(set) << set.error().message;
    ASSERT_EQ(set->all().size(), 2u);
    EXPECT_EQ(set->default_platform().name, "one");
    const auto* tc = set->find_toolchain("tc");
    ASSERT_NE(tc, nullptr);
    EXPECT_EQ(tc->identity, toolchain::manifest_identity({"base-files=14", "emscripten=6.0.5-1"}, {}));
    EXPECT_FALSE(set->find("two")->identity.empty());
    auto selected = set->select({});
    ASSERT_TRUE(selected) << selected.error().message;
    EXPECT_EQ(selected->size(), 2u);
}

TEST_F(PlatformSetLoad, NoPlatformFilesIsAUsageError) {
    auto set = PlatformSet::load(dir());
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(set.error().message.find("no platform files (expected platforms/NAME.yaml)"), std::string::npos);
}

TEST_F(PlatformSetLoad, AFileErrorNamesTheFile) {
    write(dir() / "platforms/one.yaml", platform_file("uno", true));
    write(dir() / "toolchains/tc.yaml", "toolchain:\n  name: tc\n  suite: sid\n  packages: [emscripten=6.0.5-1]\n");
    auto set = PlatformSet::load(dir());
    ASSERT_FALSE(set);
    EXPECT_NE(set.error().message.find((dir() / "platforms/one.yaml").string() + ":2:9:"), std::string::npos)
        << set.error().message;
}

}  // namespace
}  // namespace wb::platform
