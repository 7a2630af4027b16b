#include "fetch/source_store.hpp"

#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "util/hash.hpp"

namespace wb::fetch {
namespace {
namespace fs = std::filesystem;

class SourceStoreTest : public test::TempDirTest {};

TEST_F(SourceStoreTest, AdoptMovesAMatchingFileUnderItsHash) {
    SourceStore store(dir() / "store");
    auto temp = store.new_temp_file("pkg-1.0.tar.gz");
    ASSERT_TRUE(temp) << temp.error().message;
    write(*temp, "tarball bytes");
    std::string sha = util::sha256_hex("tarball bytes");

    auto adopted = store.adopt(*temp, sha, "https://example.invalid/pkg-1.0.tar.gz");
    ASSERT_TRUE(adopted) << adopted.error().message;
    EXPECT_EQ(*adopted, dir() / "store" / "sha256" / sha);
    EXPECT_EQ(read(*adopted), "tarball bytes");
    EXPECT_EQ(fs::status(*adopted).permissions(), fs::perms(0644));
    EXPECT_FALSE(fs::exists(*temp));
    ASSERT_TRUE(store.lookup(sha));
    EXPECT_EQ(*store.lookup(sha), *adopted);
}

TEST_F(SourceStoreTest, AdoptAcceptsUpperCaseHashes) {
    SourceStore store(dir() / "store");
    auto temp = store.new_temp_file("x");
    ASSERT_TRUE(temp);
    write(*temp, "abc");
    std::string sha = util::sha256_hex("abc");
    std::string upper = sha;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto adopted = store.adopt(*temp, upper, "origin");
    ASSERT_TRUE(adopted) << adopted.error().message;
    EXPECT_EQ(adopted->filename(), sha);
    EXPECT_TRUE(store.lookup(upper));
}

TEST_F(SourceStoreTest, MismatchDeletesTheFileAndNamesOriginExpectedAndActual) {
    SourceStore store(dir() / "store");
    auto temp = store.new_temp_file("pkg.tar.gz");
    ASSERT_TRUE(temp);
    write(*temp, "evil bytes");
    std::string expected = util::sha256_hex("good bytes");
    std::string actual = util::sha256_hex("evil bytes");

    auto adopted = store.adopt(*temp, expected, "https://mirror.invalid/pkg.tar.gz");
    ASSERT_FALSE(adopted);
    EXPECT_EQ(adopted.error().kind, util::ErrorKind::Integrity);
    EXPECT_NE(adopted.error().message.find("https://mirror.invalid/pkg.tar.gz"), std::string::npos);
    EXPECT_NE(adopted.error().message.find(expected), std::string::npos);
    EXPECT_NE(adopted.error().message.find(actual), std::string::npos);
    EXPECT_FALSE(fs::exists(*temp));
    EXPECT_FALSE(fs::exists(store.path_for(expected)));
    EXPECT_FALSE(fs::exists(store.path_for(actual)));
    EXPECT_FALSE(store.lookup(expected));
}

TEST_F(SourceStoreTest, RejectsAnExpectedHashThatIsNotSha256) {
    SourceStore store(dir() / "store");
    auto temp = store.new_temp_file("x");
    ASSERT_TRUE(temp);
    write(*temp, "abc");
    auto adopted = store.adopt(*temp, "1234", "recipes/x.yaml");
    ASSERT_FALSE(adopted);
    EXPECT_EQ(adopted.error().kind, util::ErrorKind::Input);
    EXPECT_NE(adopted.error().message.find("recipes/x.yaml"), std::string::npos);
    EXPECT_EQ(count_entries(store.root() / "sha256"), 0u);
}

TEST_F(SourceStoreTest, AdoptsAFileFromOutsideTheStore) {
    SourceStore store(dir() / "store");
    fs::path outside = dir() / "elsewhere" / "file.bin";
    write(outside, "payload");
    auto adopted = store.adopt(outside, util::sha256_hex("payload"), "local");
    ASSERT_TRUE(adopted) << adopted.error().message;
    EXPECT_EQ(read(*adopted), "payload");
    EXPECT_FALSE(fs::exists(outside));
}

TEST_F(SourceStoreTest, LookupMissesForAbsentOrMalformedHashes) {
    SourceStore store(dir() / "store");
    EXPECT_FALSE(store.lookup(util::sha256_hex("nothing stored")));
    EXPECT_FALSE(store.lookup("../../etc/passwd"));
    EXPECT_FALSE(store.lookup(""));
}

TEST_F(SourceStoreTest, AnObjectWhoseBytesChangedIsAMissReportedAndKeptAside) {
    std::vector<std::string> reports;
    SourceStore store(dir() / "store", [&](const std::string& m) { reports.push_back(m); });
    auto temp = store.new_temp_file("pkg.tar.gz");
    ASSERT_TRUE(temp);
    write(*temp, "the real source");
    std::string sha = util::sha256_hex("the real source");
    ASSERT_TRUE(store.adopt(*temp, sha, "test"));
    ASSERT_TRUE(store.lookup(sha));
    EXPECT_TRUE(reports.empty());

    write(store.path_for(sha), "a replaced source");  // same name, other bytes
    EXPECT_FALSE(store.lookup(sha));
    EXPECT_FALSE(fs::exists(store.path_for(sha)));
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find(store.path_for(sha).string()), std::string::npos) << reports[0];
    EXPECT_NE(reports[0].find(util::sha256_hex("a replaced source")), std::string::npos) << reports[0];
    ASSERT_EQ(count_entries(store.corrupt_dir()), 1u);
    EXPECT_EQ(read(fs::directory_iterator(store.corrupt_dir())->path()), "a replaced source");
    EXPECT_FALSE(store.lookup(sha));  // still a miss, and nothing more to report
    EXPECT_EQ(reports.size(), 1u);
}

TEST_F(SourceStoreTest, TempFilesAreDistinctAndInsideTmp) {
    SourceStore store(dir() / "store");
    auto a = store.new_temp_file("same/name?x=1");
    auto b = store.new_temp_file("same/name?x=1");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_EQ(a->parent_path(), store.tmp_dir());
    EXPECT_EQ(b->parent_path(), store.tmp_dir());
    EXPECT_TRUE(fs::exists(*a));
}

}  // namespace
}  // namespace wb::fetch
