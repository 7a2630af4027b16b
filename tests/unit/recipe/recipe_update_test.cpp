#include "recipe/recipe_update.hpp"

#include <gtest/gtest.h>

namespace wb::recipe {
namespace {

const std::string k_sha_old(64, 'a');
const std::string k_sha_new(64, 'b');

fetch::IndexFile file(std::string name, std::string sha = k_sha_new) {
    return fetch::IndexFile{name, "https://files.test/" + name, std::move(sha), "", false};
}

specs::Version py(const char* v) { return *specs::Version::parse(v); }

std::string msgpack_recipe(const std::string& extra_package = "") {
    return "package:\n  name: msgpack\n  version: \"1.2.4\"  # the release Pyodide pins\n" + extra_package +
           "  top-level:\n    - msgpack\nsource:\n  # The sdist.\n  pypi:\n    file: msgpack-1.2.4.tar.gz\n"
           "  sha256: " + k_sha_old + "\ntest:\n  imports:\n    - msgpack\n  suite:\n    min-passed: 3\n"
           "    args: [\"-k\", \"version\"]\n";
}

Recipe parse(const std::string& text) {
    auto r = Recipe::parse(text, "recipes/msgpack/meta.yaml");
    EXPECT_TRUE(r) << r.error().message;
    return *r;
}

TEST(CheckUpdate, FindsTheNewestFinalReleaseAndSaysWhatToLookAt) {
    Recipe r = parse(msgpack_recipe());
    std::vector<fetch::IndexFile> files{file("msgpack-1.2.4.tar.gz", k_sha_old), file("msgpack-1.3.0.tar.gz"),
                                        file("msgpack-1.4.0rc1.tar.gz")};
    auto c = check_update(r, files, py("3.14"), /*has_patches=*/true);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->status, UpdateCheck::Status::Bump);
    EXPECT_EQ(c->next->version, "1.3.0");
    ASSERT_EQ(c->notes.size(), 1u);
    EXPECT_NE(c->notes[0].find("patches"), std::string::npos);

    auto same = check_update(r, {file("msgpack-1.2.4.tar.gz", k_sha_old)}, py("3.14"), false);
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, UpdateCheck::Status::UpToDate);
    EXPECT_FALSE(same->next);
}

TEST(CheckUpdate, PinnedAndUntrackedRecipesAreLeftAlone) {
    Recipe pinned = parse(msgpack_recipe("  pinned: true\n"));
    auto c = check_update(pinned, {file("msgpack-9.0.tar.gz")}, py("3.14"), false);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, UpdateCheck::Status::Pinned);
    Recipe local = parse("package:\n  name: msgpack\n  version: \"1\"\nsource:\n  path: src\n");
    auto u = check_update(local, {}, py("3.14"), false);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->status, UpdateCheck::Status::Untracked);
}

TEST(CheckUpdate, SaysWhenTheNewReleaseChangesHowTheRecipeBuilds) {
    Recipe r = parse(msgpack_recipe());
    // An sdist recipe stays one while the release has an sdist, even beside a pure wheel.
    auto kept = check_update(r, {file("msgpack-1.3.0-py3-none-any.whl"), file("msgpack-1.3.0.tar.gz")}, py("3.14"),
                             false);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->next->file.filename, "msgpack-1.3.0.tar.gz");
    EXPECT_TRUE(kept->notes.empty());
    auto c = check_update(r, {file("msgpack-1.3.0-py3-none-any.whl")}, py("3.14"), false);
    ASSERT_TRUE(c);
    ASSERT_EQ(c->notes.size(), 1u);
    EXPECT_NE(c->notes[0].find("takes the pure wheel msgpack-1.3.0-py3-none-any.whl as it is"), std::string::npos);
}

TEST(BumpMetaYaml, ChangesOnlyThePinAndKeepsComments) {
    std::string text = msgpack_recipe();
    Recipe r = parse(text);
    ReleaseChoice next{"1.3.0", file("msgpack-1.3.0.tar.gz"), false};
    auto out = bump_meta_yaml(text, "recipes/msgpack/meta.yaml", r, next);
    ASSERT_TRUE(out) << out.error().message;
    std::string expected = text;
    expected.replace(expected.find("1.2.4\""), 5, "1.3.0");
    expected.replace(expected.find("msgpack-1.2.4.tar.gz"), 20, "msgpack-1.3.0.tar.gz");
    expected.replace(expected.find(k_sha_old), 64, k_sha_new);
    EXPECT_EQ(*out, expected);
    EXPECT_NE(out->find("# the release Pyodide pins"), std::string::npos);
}

TEST(BumpMetaYaml, ARecipeWrittenOtherwiseIsRefusedNotGuessed) {
    std::string text = "package: {name: msgpack, version: \"1.2.4\"}\nsource:\n  pypi: {file: msgpack-1.2.4.tar.gz}\n"
                       "  sha256: " + k_sha_old + "\n";
    Recipe r = parse(text);
    ReleaseChoice next{"1.3.0", file("msgpack-1.3.0.tar.gz"), false};
    auto out = bump_meta_yaml(text, "recipes/msgpack/meta.yaml", r, next);
    ASSERT_FALSE(out);
    EXPECT_NE(out.error().message.find("cannot find package.version to change it"), std::string::npos);
}

}  // namespace
}  // namespace wb::recipe
