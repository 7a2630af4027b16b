// Publish against a previous generation that someone changed on disk: nothing of it may reach
// the new signed output unless it is what the keys in hand signed.
#include <gtest/gtest.h>

#include "index/publish/lock_file.hpp"
#include "index/publish/sqlite_db.hpp"
#include "index/validation/signer.hpp"
#include "publish_test_support.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

class PublisherPreviousTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(m_dir / "keys");
        testing::make_wheel(m_dir / "wheels", "alpha", "1.0");
        testing::make_wheel(m_dir / "wheels", "beta", "2.0");
        testing::publish_ok(options());
    }
    PublishOptions options() const { return testing::publish_options(m_dir / "wheels", repo(), m_dir / "keys"); }
    fs::path repo() const { return m_dir / "repo"; }

    /// Replaces the served repodata.sqlite (new inode) with one claiming alpha provides evilmod
    /// and requires Python <2.
    void poison_database() {
        Catalog catalog = read_repodata_db(repo() / "repodata.sqlite").value();
        for (auto& [file, record] : catalog) {
            if (record.project != "alpha") continue;
            record.top_level = {"evilmod"};
            record.imports = {"evilmod"};
            record.requires_python = "<2";
        }
        fs::path poisoned = m_dir / "poisoned.sqlite";
        ASSERT_TRUE(write_repodata_db(poisoned, catalog, LockInfo{}));
        fs::remove(repo() / "repodata.sqlite");
        fs::copy_file(poisoned, repo() / "repodata.sqlite");
    }
    void expect_nothing_poisoned() {
        auto lock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock").value();
        EXPECT_EQ(lock.packages.at("alpha").imports, std::vector<std::string>{"alpha"});
        EXPECT_EQ(testing::read_text(repo() / "simple/alpha/index.html").find("&lt;2"), std::string::npos);
        EXPECT_EQ(testing::read_text(repo() / "simple/alpha/index.json").find("<2"), std::string::npos);
    }
    static bool warned(const PublishResult& r, const std::string& words) {
        for (const auto& w : r.warnings) {
            if (w.find(words) != std::string::npos) return true;
        }
        return false;
    }

    TempDir m_dir;
};

TEST_F(PublisherPreviousTest, PoisonedDatabaseIsNotSigned) {
    poison_database();
    auto o = options();
    o.now = *o.now + std::chrono::hours(1);
    auto r = testing::publish_ok(o);
    EXPECT_EQ(r.reused_records, 0u);
    EXPECT_TRUE(warned(r, "its bytes are not the ones the signed targets.json lists")) << ::testing::PrintToString(r.warnings);
    expect_nothing_poisoned();
}

TEST_F(PublisherPreviousTest, DatabaseListedByAForgedTargetsFileIsNotBelieved) {
    poison_database();
    // targets.json re-signed by someone else's key, listing the poisoned database's hash.
    testing::make_keys(m_dir / "other-keys");
    auto other = KeySet::load(m_dir / "other-keys").value();
    auto envelope = SignedEnvelope::parse(testing::read_text(repo() / "metadata/targets.json"), "targets").value();
    std::string db = testing::read_text(repo() / "repodata.sqlite");
    envelope.signed_part["targets"]["repodata.sqlite"] = {{"length", db.size()}, {"hashes", {{"sha256", util::sha256_hex(db)}}}};
    std::string forged = sign_metadata(envelope.signed_part, {&other.keys(Role::Targets).front()}).value();
    fs::remove(repo() / "metadata/targets.json");
    testing::write_text(repo() / "metadata/targets.json", forged);
    auto o = options();
    o.now = *o.now + std::chrono::hours(1);
    auto r = testing::publish_ok(o);
    EXPECT_EQ(r.reused_records, 0u);
    EXPECT_TRUE(warned(r, "not signed by the targets keys in hand")) << ::testing::PrintToString(r.warnings);
    expect_nothing_poisoned();
    EXPECT_NE(testing::read_text(repo() / "metadata/targets.json"), forged);  // signed afresh, not reused
}

TEST_F(PublisherPreviousTest, UntouchedDatabaseIsStillReused) {
    auto r = testing::publish_ok(options());
    EXPECT_EQ(r.reused_records, 2u);
    EXPECT_TRUE(r.warnings.empty()) << ::testing::PrintToString(r.warnings);
}

TEST_F(PublisherPreviousTest, FileChangedInPlaceIsWrittenAfresh) {
    fs::path metadata = repo() / "packages/alpha-1.0-py3-none-any.whl.metadata";
    std::string good = testing::read_text(metadata);
    std::string bad = good;
    bad[bad.size() / 2] ^= 0x20;
    std::ofstream(metadata, std::ios::binary | std::ios::in) << bad;  // same inode: all generations see it
    testing::make_wheel(m_dir / "wheels", "gamma", "1.0");
    auto o = options();
    o.now = *o.now + std::chrono::hours(1);
    testing::publish_ok(o);
    EXPECT_EQ(testing::read_text(repo() / "packages/alpha-1.0-py3-none-any.whl.metadata"), good);
}

}  // namespace
}  // namespace wb::index
