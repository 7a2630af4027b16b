// The client against a hostile repository: oversized and deeply nested metadata, and a second,
// different file signed with a version it already trusts. Nothing may crash, and a refused update
// leaves the trusted state as it was.
#include <gtest/gtest.h>

#include "fetch/curl_downloader.hpp"
#include "index/validation/metadata_client.hpp"
#include "index/validation/verifier.hpp"
#include "publish_test_support.hpp"

namespace wb::index {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

class VerifierHostileTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(m_dir / "keys");
        testing::make_wheel(m_dir / "wheels", "alpha", "1.0");
        publish_into("repo", "keys", testing::test_time());
        fs::copy_file(m_dir / "repo/metadata/1.root.json", m_dir / "trusted.json");
        auto first = verify("repo");
        ASSERT_TRUE(first.has_value()) << first.error().message;
        m_state_before = testing::read_text(state_file());
    }
    void publish_into(const std::string& repo, const std::string& keys, TimePoint when) {
        auto o = testing::publish_options(m_dir / "wheels", m_dir / repo, m_dir / keys);
        o.now = when;
        testing::publish_ok(o);
    }
    Expected<VerifyReport> verify(const std::string& repo) {
        VerifyOptions o;
        o.source = (m_dir / repo).string();
        o.trusted_root = m_dir / "trusted.json";
        o.state = m_dir / "state";
        o.now = testing::test_time() + std::chrono::hours(2);
        return verify_repository(o, m_downloader);
    }
    fs::path state_file() const {
        return trust_state_dir(m_dir / "state", testing::read_text(m_dir / "trusted.json")) / "state.json";
    }
    /// Arrays nested levels deep inside a "signed" object (the shape that crashed clients).
    static std::string bomb(size_t levels) {
        return "{\"signed\":{\"x\":" + std::string(levels, '[') + std::string(levels, ']') + "},\"signatures\":[]}";
    }
    /// A copy of the published tree whose metadata file name has this content.
    std::string hostile_copy(const std::string& name, const std::string& content) {
        fs::copy(fs::canonical(m_dir / "repo"), m_dir / "hostile", fs::copy_options::recursive);
        fs::remove(m_dir / "hostile/metadata" / name);
        testing::write_text(m_dir / "hostile/metadata" / name, content);
        return "hostile";
    }
    void expect_refused(const Expected<VerifyReport>& r, const std::string& words) {
        ASSERT_FALSE(r.has_value()) << "verify passed, expected: " << words;
        EXPECT_EQ(r.error().kind, util::ErrorKind::Integrity);
        EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
        EXPECT_EQ(testing::read_text(state_file()), m_state_before) << "a refused update changed the trusted state";
    }

    TempDir m_dir;
    fetch::CurlDownloader m_downloader;
    std::string m_state_before;
};

TEST_F(VerifierHostileTest, NestedArraysTimestampIsRefused) {
    expect_refused(verify(hostile_copy("timestamp.json", bomb(8000))),  // under the 16 KiB cap
                   "timestamp.json: nested deeper than 32 levels");
}

TEST_F(VerifierHostileTest, OversizedTimestampIsRefusedUnread) {
    expect_refused(verify(hostile_copy("timestamp.json", bomb(32'000))), "more than the 16384 expected");  // 64 KB
}

TEST_F(VerifierHostileTest, OversizedNextRootIsRefusedUnread) {
    expect_refused(verify(hostile_copy("2.root.json", bomb(250'000))), "2.root.json: 500033 bytes, more than the 131072 "
                                                                         "expected");
}

TEST_F(VerifierHostileTest, NestedNextRootUnderTheCapIsRefused) {
    expect_refused(verify(hostile_copy("2.root.json", bomb(60'000))), "2.root.json: nested deeper than 32 levels");
}

TEST_F(VerifierHostileTest, DuplicateKeyInTimestampIsRefused) {
    std::string text = testing::read_text(m_dir / "repo/metadata/timestamp.json");
    text.insert(text.find("\"signed\""), "\"signed\": {},");
    expect_refused(verify(hostile_copy("timestamp.json", text)), "duplicate key \"signed\"");
}

TEST_F(VerifierHostileTest, SameVersionWithOtherBytesIsRefused) {
    // The same keys sign a second timestamp v1 (the versions file that keeps versions growing is
    // left behind), as a stolen timestamp key or a confused second publisher would.
    fs::copy(m_dir / "keys", m_dir / "keys2", fs::copy_options::recursive);
    fs::remove(m_dir / "keys2/published-versions.json");
    publish_into("repo2", "keys2", testing::test_time() + std::chrono::minutes(1));
    ASSERT_NE(testing::read_text(m_dir / "repo2/metadata/timestamp.json"),
              testing::read_text(m_dir / "repo/metadata/timestamp.json"));
    expect_refused(verify("repo2"), "metadata/timestamp.json: version 1 is the version already trusted, but its bytes "
                                    "differ from the trusted copy");
}

TEST_F(VerifierHostileTest, SameVersionWithSameBytesStillVerifies) {
    auto again = verify("repo");
    ASSERT_TRUE(again.has_value()) << again.error().message;
}

}  // namespace
}  // namespace wb::index
