#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "storage/file_storage.hpp"

namespace wb::storage {
namespace {
namespace fs = std::filesystem;

class FileStorageTest : public wb::test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        fs::create_directories(dir() / "remote");
        write(dir() / "blob", "bytes of a blob");
    }
    FileStorage storage() const { return FileStorage(dir() / "remote"); }
};

TEST_F(FileStorageTest, StoresOnceAndReadsBack) {
    auto s = storage();
    EXPECT_EQ(*s.exists("objects/ab/abc"), false);
    EXPECT_EQ(*s.put_new("objects/ab/abc", dir() / "blob"), PutOutcome::Stored);
    EXPECT_EQ(*s.exists("objects/ab/abc"), true);
    EXPECT_EQ(*s.get("objects/ab/abc", dir() / "back"), true);
    EXPECT_EQ(read(dir() / "back"), "bytes of a blob");
    EXPECT_EQ(*s.get("objects/ab/none", dir() / "none"), false);
}

TEST_F(FileStorageTest, NeverReplacesAKey) {
    auto s = storage();
    ASSERT_TRUE(s.put_new("actions/k.json", dir() / "blob"));
    write(dir() / "other", "other bytes");
    EXPECT_EQ(*s.put_new("actions/k.json", dir() / "other"), PutOutcome::Existed);
    EXPECT_EQ(read(dir() / "remote/actions/k.json"), "bytes of a blob");
    // No temporary file is left beside it.
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir() / "remote/actions")) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST_F(FileStorageTest, AMissingRootIsAnErrorNotAMiss) {
    FileStorage s(dir() / "not-mounted");
    auto e = s.exists("objects/ab/abc");
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("not there"), std::string::npos);
}

TEST_F(FileStorageTest, RefusesKeysThatLeaveTheRoot) {
    auto s = storage();
    EXPECT_FALSE(s.put_new("../escape", dir() / "blob"));
    EXPECT_FALSE(s.get("/etc/passwd", dir() / "x"));
}

TEST(StorageKey, OnlyPlainRelativeParts) {
    EXPECT_TRUE(is_valid_key("objects/ab/abcdef"));
    EXPECT_TRUE(is_valid_key("actions/ab/k.json"));
    EXPECT_FALSE(is_valid_key(""));
    EXPECT_FALSE(is_valid_key("/abs"));
    EXPECT_FALSE(is_valid_key("a/../b"));
    EXPECT_FALSE(is_valid_key("a//b"));
    EXPECT_FALSE(is_valid_key("a/b/"));
    EXPECT_FALSE(is_valid_key("a b"));
    EXPECT_FALSE(is_valid_key("a?b"));
}

TEST(OpenStorage, ChoosesTheBackendByScheme) {
    auto f = open_storage("file:///srv/cache/", {});
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ((*f)->describe(), "file:///srv/cache");
    auto h = open_storage("http://127.0.0.1:8080/cache/", {});
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ((*h)->describe(), "http://127.0.0.1:8080/cache");
    EXPECT_FALSE(open_storage("ftp://host/x", {}));
    EXPECT_FALSE(open_storage("file://relative/path", {}));
    EXPECT_FALSE(open_storage("/srv/cache", {}));
}

TEST(OpenStorage, RefusesCredentialsInTheUrlAndTokensInClearTextToOtherHosts) {
    auto u = open_storage("https://user:secret@cache.example/x", {});
    ASSERT_FALSE(u);
    EXPECT_EQ(u.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(u.error().message.find("WASM_BUILD_REMOTE_CACHE_TOKEN"), std::string::npos);
    Credentials token;
    token.token = "t0ken";
    EXPECT_FALSE(open_storage("http://cache.example/x", token));
    EXPECT_TRUE(open_storage("https://cache.example/x", token));
    EXPECT_TRUE(open_storage("http://127.0.0.1:9000/x", token));
    EXPECT_TRUE(open_storage("http://localhost/x", token));
    EXPECT_FALSE(open_storage("http://localhost.evil.example/x", token));
}

}  // namespace
}  // namespace wb::storage
