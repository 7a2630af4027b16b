#include <gtest/gtest.h>

#include "index/publish/generation_tree.hpp"
#include "index/publish/tree_builder.hpp"
#include "index/validation/trust_state.hpp"
#include "publish_test_support.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

TEST(GenerationTree, ActivationSwitchesTheSymlinkToACompleteGeneration) {
    TempDir dir;
    auto tree = GenerationTree::open(dir / "repo");
    ASSERT_TRUE(tree.has_value()) << tree.error().message;
    EXPECT_FALSE(tree->current().has_value());
    auto staging = tree->staging(true).value();
    testing::write_text(staging / "a.txt", "one");
    auto g1 = tree->activate_staging({staging / "a.txt"});
    ASSERT_TRUE(g1.has_value()) << g1.error().message;
    EXPECT_EQ(testing::read_text(dir / "repo/a.txt"), "one");
    EXPECT_EQ(fs::read_symlink(dir / "repo"), fs::path("repo.generations/g000001"));
    staging = tree->staging(true).value();
    testing::write_text(staging / "a.txt", "two");
    ASSERT_TRUE(tree->activate_staging({}).has_value());
    EXPECT_EQ(testing::read_text(dir / "repo/a.txt"), "two");
    EXPECT_EQ(fs::canonical(*tree->current()), fs::canonical(dir / "repo.generations/g000002"));
}

TEST(GenerationTree, OneWriterAtATime) {
    TempDir dir;
    auto first = GenerationTree::open(dir / "repo");
    ASSERT_TRUE(first.has_value());
    auto second = GenerationTree::open(dir / "repo");
    ASSERT_FALSE(second.has_value());
    EXPECT_NE(second.error().message.find("another publish or mirror"), std::string::npos);
}

TEST(GenerationTree, StagingSurvivesUnlessFreshIsAsked) {
    TempDir dir;
    auto tree = GenerationTree::open(dir / "repo").value();
    testing::write_text(tree.staging(true).value() / "partial", "x");
    EXPECT_TRUE(fs::exists(tree.staging(false).value() / "partial"));
    EXPECT_FALSE(fs::exists(tree.staging(true).value() / "partial"));
}

TEST(TreeBuilder, IdenticalFilesAreLinkedFromThePreviousGeneration) {
    TempDir dir;
    fs::create_directories(dir / "old/simple");
    testing::write_text(dir / "old/simple/index.html", "same");
    std::map<std::string, TargetFile> old_targets = {
        {"simple/index.html", TargetFile{4, util::sha256_hex("same")}}};
    fs::create_directories(dir / "new");
    TreeBuilder tree(dir / "new", dir / "old", old_targets);
    ASSERT_TRUE(tree.put_text("simple/index.html", "same").has_value());
    ASSERT_TRUE(tree.put_text("simple/other.html", "new").has_value());
    EXPECT_EQ(tree.linked(), 1u);
    EXPECT_EQ(tree.written(), 1u);
    EXPECT_TRUE(fs::equivalent(dir / "old/simple/index.html", dir / "new/simple/index.html"));
    EXPECT_EQ(tree.targets().at("simple/other.html").length, 3u);
}

TEST(TrustState, SavesAndLoadsPerTrustedRoot) {
    TempDir dir;
    fs::path state_dir = trust_state_dir(dir.path(), "root text");
    EXPECT_NE(state_dir, trust_state_dir(dir.path(), "another root"));
    EXPECT_FALSE(TrustState::load(state_dir).value().has_value());
    TrustState s{"root v3", {5, 4, 3}};
    ASSERT_TRUE(s.save(state_dir).has_value());
    auto back = TrustState::load(state_dir).value();
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->root_text, "root v3");
    EXPECT_EQ(back->versions.timestamp, 5u);
    EXPECT_EQ(back->versions.targets, 3u);
    testing::write_text(state_dir / "state.json", "{}");
    EXPECT_FALSE(TrustState::load(state_dir).has_value());
}

}  // namespace
}  // namespace wb::index
