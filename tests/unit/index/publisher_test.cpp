#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "index/publish/lock_file.hpp"
#include "index/publish/sqlite_db.hpp"
#include "wheel/zip_writer.hpp"
#include "publish_test_support.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace {

using nlohmann::json;
using testing::TempDir;
namespace fs = std::filesystem;

ino_t inode(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_ino;
}

class PublisherTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(m_dir / "keys");
        testing::make_wheel(wheels(), "numpy", "1.19.5");
        testing::make_wheel(wheels(), "Pillow", "9.4.0", {"numpy>=1.0", "olefile; extra == \"fpx\""}, {"PIL"});
        testing::make_wheel(wheels(), "lxml", "4.9.2", {"cssselect; extra == \"cssselect\""});
    }
    fs::path wheels() const { return m_dir / "wheels"; }
    fs::path repo() const { return m_dir / "repo"; }
    PublishOptions options() const { return testing::publish_options(wheels(), repo(), m_dir / "keys"); }
    TempDir m_dir;
};

TEST_F(PublisherTest, WritesTheWholeLayout) {
    auto r = testing::publish_ok(options());
    EXPECT_EQ(r.wheels, 3u);
    EXPECT_TRUE(fs::is_symlink(repo()));
    for (const char* f : {"pyodide-lock.json", "repodata.sqlite", "simple/index.html", "simple/index.json",
                          "simple/pillow/index.html", "simple/pillow/index.json", "metadata/root.json",
                          "metadata/1.root.json", "metadata/targets.json", "metadata/snapshot.json",
                          "metadata/timestamp.json", "packages/Pillow-9.4.0-py3-none-any.whl",
                          "packages/Pillow-9.4.0-py3-none-any.whl.metadata"}) {
        EXPECT_TRUE(fs::is_regular_file(repo() / f)) << f;
    }
    EXPECT_FALSE(fs::exists(repo() / "keys"));
    std::string metadata = testing::read_text(repo() / "packages/Pillow-9.4.0-py3-none-any.whl.metadata");
    EXPECT_NE(metadata.find("Name: Pillow"), std::string::npos);
}

TEST_F(PublisherTest, LockFileDerivesImportsAndDependsFromWheels) {
    testing::publish_ok(options());
    auto lock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock");
    ASSERT_TRUE(lock.has_value()) << lock.error().message;
    const LockPackage& pillow = lock->packages.at("pillow");
    EXPECT_EQ(pillow.name, "Pillow");
    EXPECT_EQ(pillow.imports, std::vector<std::string>{"PIL"});
    EXPECT_EQ(pillow.depends, std::vector<std::string>{"numpy"});  // the extra-only olefile is left out
    EXPECT_EQ(pillow.sha256, util::sha256_file_hex(repo() / "packages" / pillow.file_name).value());
    EXPECT_TRUE(lock->packages.at("lxml").depends.empty());
}

TEST_F(PublisherTest, RecipeMetadataOverridesDerivedFields) {
    testing::write_text(wheels() / "packages.json", R"({"lxml": {"imports": ["lxml", "lxml.etree"],
        "depends": ["numpy"], "unvendored_tests": true, "package_type": "package"}})");
    testing::publish_ok(options());
    auto lock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock").value();
    EXPECT_EQ(lock.packages.at("lxml").imports, (std::vector<std::string>{"lxml", "lxml.etree"}));
    EXPECT_EQ(lock.packages.at("lxml").depends, std::vector<std::string>{"numpy"});
    EXPECT_TRUE(lock.packages.at("lxml").unvendored_tests);
    EXPECT_EQ(packages_depending_on(repo() / "repodata.sqlite", "numpy").value(),
              (std::vector<std::string>{"lxml", "pillow"}));
}

TEST_F(PublisherTest, RepublishWithOneNewWheelTouchesOnlyWhatChanged) {
    auto first = testing::publish_ok(options());
    ino_t numpy_wheel = inode(repo() / "packages/numpy-1.19.5-py3-none-any.whl");
    ino_t lxml_page = inode(repo() / "simple/lxml/index.html");
    testing::make_wheel(wheels(), "numpy", "1.20.0");
    auto o = options();
    o.now = *o.now + std::chrono::hours(1);
    auto second = testing::publish_ok(o);
    EXPECT_EQ(second.reused_records, 3u);
    EXPECT_EQ(inode(repo() / "packages/numpy-1.19.5-py3-none-any.whl"), numpy_wheel);
    EXPECT_EQ(inode(repo() / "simple/lxml/index.html"), lxml_page);
    // written: new wheel + its metadata, numpy's two pages, lock, sqlite, targets/snapshot/timestamp
    EXPECT_LE(second.files_written, 10u);
    EXPECT_GT(second.files_linked, 6u);
    EXPECT_EQ(second.targets_version, first.targets_version + 1);
    EXPECT_EQ(second.timestamp_version, first.timestamp_version + 1);
    EXPECT_EQ(second.root_version, first.root_version);
    auto lock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock").value();
    EXPECT_EQ(lock.packages.at("numpy").version, "1.20.0");
    std::string page = testing::read_text(repo() / "simple/numpy/index.html");
    EXPECT_NE(page.find("numpy-1.19.5-py3-none-any.whl"), std::string::npos);
    EXPECT_NE(page.find("numpy-1.20.0-py3-none-any.whl"), std::string::npos);
}

TEST_F(PublisherTest, RepublishingUnchangedInputOnlyRefreshesSnapshotAndTimestamp) {
    auto first = testing::publish_ok(options());
    auto second = testing::publish_ok(options());
    EXPECT_EQ(second.targets_version, first.targets_version);
    EXPECT_EQ(second.snapshot_version, first.snapshot_version + 1);
    EXPECT_EQ(second.timestamp_version, first.timestamp_version + 1);
}

TEST_F(PublisherTest, CorruptWheelFailsAndLeavesTheTreeAsItWas) {
    testing::publish_ok(options());
    std::string before = testing::read_text(repo() / "metadata/timestamp.json");
    fs::path bad = testing::make_wheel(wheels(), "broken", "1.0");
    std::string bytes = testing::read_text(bad);
    testing::write_text(bad, bytes.substr(0, bytes.size() / 2));  // truncated
    auto r = publish(options());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("broken-1.0-py3-none-any.whl"), std::string::npos) << r.error().message;
    EXPECT_EQ(testing::read_text(repo() / "metadata/timestamp.json"), before);
}

TEST_F(PublisherTest, WheelWithAlteredMemberFailsItsRecordCheck) {
    fs::path wheel = testing::make_wheel(wheels(), "tampered", "1.0");
    std::string bytes = testing::read_text(wheel);
    auto at = bytes.find("__init__.py");  // the first local header's name; its data follows
    ASSERT_NE(at, std::string::npos);
    bytes[at + 13] = static_cast<char>(bytes[at + 13] ^ 0x5a);
    testing::write_text(wheel, bytes);
    auto r = publish(options());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("tampered-1.0"), std::string::npos) << r.error().message;
}

TEST_F(PublisherTest, TwoWheelsClaimingOneNameAndVersionAreRefused) {
    fs::path other = m_dir / "other";
    fs::path w = testing::make_wheel(other, "numpy", "1.19.5");
    fs::copy_file(w, wheels() / "numpy-1.19.5-0build-py3-none-any.whl");  // same project and version, another name
    auto r = publish(options());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("both claim numpy 1.19.5"), std::string::npos) << r.error().message;
}

TEST_F(PublisherTest, KeysInsideTheRepositoryAreRefused) {
    auto o = options();
    o.keys_dir = repo() / "keys";
    auto r = publish(o);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("keys never enter"), std::string::npos);
}

TEST_F(PublisherTest, ExistingNonRepositoryDirectoryIsNotReplaced) {
    testing::write_text(repo() / "precious.txt", "keep me");
    auto r = publish(options());
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(testing::read_text(repo() / "precious.txt"), "keep me");
}

TEST_F(PublisherTest, VersionsKeepGrowingWhenTheTreeIsLost) {
    auto first = testing::publish_ok(options());
    util::remove_tree_quiet(m_dir / "repo.generations");
    fs::remove(repo());
    auto second = testing::publish_ok(options());
    EXPECT_GT(second.targets_version, first.targets_version);
    EXPECT_GT(second.snapshot_version, first.snapshot_version);
    EXPECT_GT(second.timestamp_version, first.timestamp_version);
}

TEST_F(PublisherTest, RolesNearExpiryAreResignedWithHigherVersions) {
    auto first = testing::publish_ok(options());
    auto o = options();
    o.now = *o.now + std::chrono::days(50);  // targets (90 days) past half its period, root (365) not
    auto second = testing::publish_ok(o);
    EXPECT_EQ(second.targets_version, first.targets_version + 1);
    EXPECT_EQ(second.root_version, first.root_version);
    o.now = *o.now + std::chrono::days(150);
    auto third = testing::publish_ok(o);
    EXPECT_EQ(third.root_version, first.root_version + 1);
    EXPECT_TRUE(fs::exists(repo() / "metadata/1.root.json"));
    EXPECT_TRUE(fs::exists(repo() / "metadata/2.root.json"));
}

TEST(ExpiryPolicy, ParsesRoleDurations) {
    ExpiryPolicy p;
    ASSERT_TRUE(p.set("timestamp=12h").has_value());
    EXPECT_EQ(p.periods.at(Role::Timestamp), std::chrono::hours(12));
    ASSERT_TRUE(p.set("root=2d").has_value());
    EXPECT_EQ(p.periods.at(Role::Root), std::chrono::days(2));
    EXPECT_FALSE(p.set("timestamp=12").has_value());
    EXPECT_FALSE(p.set("mirror=1d").has_value());
    EXPECT_FALSE(p.set("targets=-1d").has_value());
}

TEST_F(PublisherTest, OldGenerationsArePruned) {
    auto o = options();
    o.keep_generations = 2;
    for (int i = 0; i < 4; ++i) testing::publish_ok(o);
    size_t count = 0;
    for (const auto& e : fs::directory_iterator(m_dir / "repo.generations")) {
        if (e.path().filename().string().starts_with("g")) ++count;
    }
    EXPECT_EQ(count, 2u);
}

}  // namespace
}  // namespace wb::index

namespace wb::index {
namespace {

/// A shared-library package as the farm writes one: NAME-VERSION.zip with side modules at its top.
void make_shared_library(const fs::path& file, const std::vector<std::string>& members) {
    std::string bytes;
    wheel::ZipWriter zip([&bytes](std::string_view b) -> util::Expected<void> { bytes.append(b); return {}; }, 0);
    for (const auto& m : members) ASSERT_TRUE(zip.add(m, std::string("\0asm\1\0\0\0", 8), 0755));
    ASSERT_TRUE(zip.finish());
    testing::write_text(file, bytes);
}

class PublisherSharedLibraryTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(m_dir / "keys");
        testing::make_wheel(wheels(), "shapely", "2.0.0");
        testing::write_text(wheels() / "packages.json", R"({"shapely": {"depends": ["libgeos"]}})");
    }
    fs::path wheels() const { return m_dir / "wheels"; }
    fs::path repo() const { return m_dir / "repo"; }
    PublishOptions options() const { return testing::publish_options(wheels(), repo(), m_dir / "keys"); }
    TempDir m_dir;
};

TEST_F(PublisherSharedLibraryTest, IsInTheLockFileAndTheSignedTargetsButNotOnTheSimplePages) {
    make_shared_library(wheels() / "libgeos-3.12.1.zip", {"libgeos.so", "libgeos_c.so"});
    auto r = testing::publish_ok(options());
    EXPECT_EQ(r.wheels, 2u);
    auto lock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock").value();
    const LockPackage& geos = lock.packages.at("libgeos");
    EXPECT_EQ(geos.file_name, "libgeos-3.12.1.zip");
    EXPECT_EQ(geos.version, "3.12.1");
    EXPECT_EQ(geos.package_type, "shared_library");
    EXPECT_EQ(geos.install_dir, "dynlib");
    EXPECT_TRUE(geos.shared_library);
    EXPECT_TRUE(geos.imports.empty());
    EXPECT_EQ(lock.packages.at("shapely").depends, std::vector<std::string>{"libgeos"});
    EXPECT_TRUE(fs::is_regular_file(repo() / "packages/libgeos-3.12.1.zip"));
    EXPECT_FALSE(fs::exists(repo() / "packages/libgeos-3.12.1.zip.metadata"));
    EXPECT_FALSE(fs::exists(repo() / "simple/libgeos"));
    EXPECT_EQ(testing::read_text(repo() / "simple/index.json").find("libgeos"), std::string::npos);
    EXPECT_NE(testing::read_text(repo() / "metadata/targets.json").find("\"packages/libgeos-3.12.1.zip\""),
              std::string::npos);
    // Published again, the record comes back from the signed SQLite database unchanged.
    auto again = testing::publish_ok(options());
    EXPECT_EQ(again.wheels, 2u);
    auto relock = LockFile::parse(testing::read_text(repo() / "pyodide-lock.json"), "lock").value();
    EXPECT_EQ(relock.packages.at("libgeos").package_type, "shared_library");
    EXPECT_EQ(relock.packages.at("libgeos").sha256, geos.sha256);
}

TEST_F(PublisherSharedLibraryTest, AZipHoldingAnythingButTopLevelLibrariesIsRefused) {
    make_shared_library(wheels() / "libgeos-3.12.1.zip", {"libgeos.so", "lib/evil.py"});
    auto r = publish(options());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("lib/evil.py"), std::string::npos) << r.error().message;
    EXPECT_FALSE(fs::exists(repo()));
}

TEST_F(PublisherSharedLibraryTest, AZipWithoutAVersionInItsNameIsRefused) {
    make_shared_library(wheels() / "libgeos.zip", {"libgeos.so"});
    auto r = publish(options());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("NAME-VERSION.zip"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace wb::index
