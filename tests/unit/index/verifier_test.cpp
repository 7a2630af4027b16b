#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fetch/curl_downloader.hpp"
#include "index/validation/signer.hpp"
#include "index/validation/verifier.hpp"
#include "publish_test_support.hpp"

namespace wb::index {
namespace {

using nlohmann::json;
using testing::TempDir;
namespace fs = std::filesystem;

/// Replaces a file with new content without touching the inode other generations share.
void replace_file(const fs::path& path, const std::string& content) {
    fs::remove(path);
    testing::write_text(path, content);
}

class VerifierTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(keys(), 2, 2);
        testing::make_wheel(wheels(), "alpha", "1.0");
        testing::make_wheel(wheels(), "beta", "2.0", {"alpha"});
        publish_at(testing::test_time());
        fs::copy_file(repo() / "metadata/1.root.json", trusted());
    }
    fs::path keys() const { return m_dir / "keys"; }
    fs::path wheels() const { return m_dir / "wheels"; }
    fs::path repo() const { return m_dir / "repo"; }
    fs::path trusted() const { return m_dir / "trusted-root.json"; }

    PublishResult publish_at(TimePoint when) {
        auto o = testing::publish_options(wheels(), repo(), keys());
        o.now = when;
        return testing::publish_ok(o);
    }
    Expected<VerifyReport> verify(const std::string& source = "", TimePoint now = testing::test_time() + std::chrono::hours(1),
                                  bool files = true) {
        VerifyOptions o;
        o.source = source.empty() ? repo().string() : source;
        o.trusted_root = trusted();
        o.state = m_dir / "state";
        o.now = now;
        o.check_files = files;
        return verify_repository(o, m_downloader);
    }
    static void expect_failure(const Expected<VerifyReport>& r, const std::string& words) {
        ASSERT_FALSE(r.has_value()) << "verify passed, expected: " << words;
        EXPECT_EQ(r.error().kind, util::ErrorKind::Integrity);
        EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
    }

    TempDir m_dir;
    fetch::CurlDownloader m_downloader;
};

TEST_F(VerifierTest, FreshPublishVerifies) {
    auto r = verify();
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->root_version, 1u);
    EXPECT_EQ(r->files_checked, 12u);  // 2 wheels, 2 metadata, 4 project pages, 2 lists, lock, sqlite
    EXPECT_GT(r->bytes_checked, 0u);
}

TEST_F(VerifierTest, TamperedLockFileIsNamed) {
    std::string lock = testing::read_text(repo() / "pyodide-lock.json");
    replace_file(repo() / "pyodide-lock.json", lock + " ");
    expect_failure(verify(), "hash mismatch on pyodide-lock.json");
}

TEST_F(VerifierTest, TamperedSimplePageIsNamed) {
    replace_file(repo() / "simple/alpha/index.html", "<html>evil</html>");
    expect_failure(verify(), "hash mismatch on simple/alpha/index.html");
}

TEST_F(VerifierTest, UnlistedFileIsReported) {
    testing::write_text(repo() / "simple/evil/index.html", "x");
    expect_failure(verify(), "unlisted file simple/evil/index.html");
}

TEST_F(VerifierTest, MetadataOnlySkipsFileHashes) {
    replace_file(repo() / "pyodide-lock.json", "{}");
    fs::remove(repo() / "simple/alpha/index.html");
    auto r = verify("", testing::test_time() + std::chrono::hours(1), false);
    // the unlisted-file check still runs for directories, but no file is hashed
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->files_checked, 0u);
}

TEST_F(VerifierTest, SignatureByWrongKeyIsRefused) {
    auto env = SignedEnvelope::parse(testing::read_text(repo() / "metadata/timestamp.json"), "ts").value();
    auto stranger = PrivateKey::generate().value();
    replace_file(repo() / "metadata/timestamp.json", sign_metadata(env.signed_part, {&stranger}).value());
    expect_failure(verify(), "not a key of this role");
}

TEST_F(VerifierTest, DuplicatedRootSignatureIsCountedOnce) {
    auto set = KeySet::load(keys()).value();
    auto env = SignedEnvelope::parse(testing::read_text(repo() / "metadata/root.json"), "root").value();
    env.signed_part["version"] = 2;
    json doc = json::parse(sign_metadata(env.signed_part, {&set.keys(Role::Root)[0]}).value());
    doc["signatures"].push_back(doc["signatures"][0]);  // threshold 2 "met" by one key twice
    testing::write_text(repo() / "metadata/2.root.json", doc.dump());
    expect_failure(verify(), "duplicate signature");
}

TEST_F(VerifierTest, ExpiredTimestampIsRefused) {
    auto r = verify("", testing::test_time() + std::chrono::hours(25));
    expect_failure(r, "metadata/timestamp.json: expired at 2030-01-02T00:00:00Z");
}

TEST_F(VerifierTest, RollbackToAnOlderPublishIsDetected) {
    fs::path old_copy = m_dir / "old-copy";
    ASSERT_TRUE(util::copy_tree(fs::canonical(repo()), old_copy).has_value());
    testing::make_wheel(wheels(), "gamma", "3.0");
    publish_at(testing::test_time() + std::chrono::minutes(10));
    ASSERT_TRUE(verify().has_value());
    expect_failure(verify(old_copy.string()), "metadata/timestamp.json: rolled back from version 2 to 1");
}

TEST_F(VerifierTest, MixOfFilesFromTwoPublishesIsDetected) {
    std::string old_lock = testing::read_text(repo() / "pyodide-lock.json");
    std::string old_targets = testing::read_text(repo() / "metadata/targets.json");
    testing::make_wheel(wheels(), "gamma", "3.0");
    publish_at(testing::test_time() + std::chrono::minutes(10));
    replace_file(repo() / "pyodide-lock.json", old_lock);
    expect_failure(verify(), "hash mismatch on pyodide-lock.json");
    replace_file(repo() / "metadata/targets.json", old_targets);
    expect_failure(verify(), "hash mismatch on metadata/targets.json");
}

TEST_F(VerifierTest, KeyRotationIsFollowedFromTheOldRoot) {
    KeygenOptions rotate;
    rotate.out = keys();
    rotate.rotate = {Role::Timestamp, Role::Root};
    rotate.root_keys = 2;
    rotate.root_threshold = 2;
    ASSERT_TRUE(generate_keys(rotate).has_value());
    auto r = publish_at(testing::test_time() + std::chrono::minutes(5));
    EXPECT_EQ(r.root_version, 2u);
    auto v = verify();
    ASSERT_TRUE(v.has_value()) << v.error().message;
    EXPECT_EQ(v->root_version, 2u);
}

TEST_F(VerifierTest, RootRotationWithoutTheOldKeysCannotPublish) {
    KeygenOptions rotate;
    rotate.out = keys();
    rotate.rotate = {Role::Root};
    ASSERT_TRUE(generate_keys(rotate).has_value());
    util::remove_tree_quiet(keys() / "retired");
    auto o = testing::publish_options(wheels(), repo(), keys());
    auto r = publish(o);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("old root keys"), std::string::npos) << r.error().message;
}

TEST_F(VerifierTest, RootSignedOnlyByNewKeysIsRefused) {
    auto env = SignedEnvelope::parse(testing::read_text(repo() / "metadata/root.json"), "root").value();
    auto k1 = PrivateKey::generate().value();
    auto root = RootMeta::parse(env.signed_part, "root").value();
    root.version = 2;
    root.keys = {{k1.key_id(), k1.public_key()}};
    for (auto& [role, rk] : root.roles) rk = RoleKeys{{k1.key_id()}, 1};
    testing::write_text(repo() / "metadata/2.root.json", sign_metadata(root.to_json(), {&k1}).value());
    expect_failure(verify(), "2.root.json (by the previous root's keys)");
}

}  // namespace
}  // namespace wb::index
