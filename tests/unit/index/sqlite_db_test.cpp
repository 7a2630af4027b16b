#include <gtest/gtest.h>

#include "index/publish/sqlite_db.hpp"
#include "publish_test_support.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace wb::index {
namespace {

using testing::TempDir;

Catalog sample() {
    Catalog c;
    auto add = [&](const std::string& project, const std::string& version, std::vector<std::string> imports,
                   std::vector<std::string> depends) {
        PackageRecord r;
        r.project = project;
        r.name = project;
        r.version = version;
        r.file_name = project + "-" + version + "-py3-none-any.whl";
        r.python_tag = "py3";
        r.abi_tag = "none";
        r.platform_tag = "any";
        r.size = 100;
        r.sha256 = std::string(64, 'a');
        r.metadata_size = 10;
        r.metadata_sha256 = std::string(64, 'b');
        r.requires_dist = {"numpy>=1.0", "pytest; extra == \"test\""};
        r.top_level = imports;
        r.imports = imports;
        r.depends = depends;
        c[r.file_name] = r;
    };
    add("numpy", "1.19.5", {"numpy"}, {});
    add("numpy", "1.18.0", {"numpy"}, {});
    add("pillow", "9.4.0", {"PIL"}, {"numpy"});
    add("scipy", "1.0", {"scipy"}, {"numpy"});
    return c;
}

TEST(SqliteDb, RecordsRoundTrip) {
    TempDir dir;
    Catalog c = sample();
    ASSERT_TRUE(write_repodata_db(dir / "r.sqlite", c, LockInfo{}).has_value());
    auto back = read_repodata_db(dir / "r.sqlite");
    ASSERT_TRUE(back.has_value()) << back.error().message;
    ASSERT_EQ(back->size(), c.size());
    const auto& r = back->at("pillow-9.4.0-py3-none-any.whl");
    EXPECT_EQ(r.requires_dist, c.at("pillow-9.4.0-py3-none-any.whl").requires_dist);
    EXPECT_EQ(r.top_level, std::vector<std::string>{"PIL"});
    EXPECT_EQ(r.sha256, std::string(64, 'a'));
    EXPECT_EQ(r.size, 100u);
}

TEST(SqliteDb, AnswersWhoProvidesAnImportAndWhoDependsOnAPackage) {
    TempDir dir;
    ASSERT_TRUE(write_repodata_db(dir / "r.sqlite", sample(), LockInfo{}).has_value());
    EXPECT_EQ(packages_providing_import(dir / "r.sqlite", "PIL").value(), std::vector<std::string>{"pillow"});
    EXPECT_EQ(packages_depending_on(dir / "r.sqlite", "numpy").value(), (std::vector<std::string>{"pillow", "scipy"}));
    EXPECT_TRUE(packages_providing_import(dir / "r.sqlite", "nothing").value().empty());
}

TEST(SqliteDb, LockedVersionIsTheNewest) {
    TempDir dir;
    ASSERT_TRUE(write_repodata_db(dir / "r.sqlite", sample(), LockInfo{}).has_value());
    // The documented schema answers this with plain SQL.
    auto out = util::run(util::Command{{"sqlite3", (dir / "r.sqlite").string(),
                                        "SELECT version FROM packages WHERE name='numpy'"}});
    if (!out || !out->ok()) GTEST_SKIP() << "sqlite3 shell not available";
    EXPECT_EQ(util::trim(out->output), "1.19.5");
}

TEST(SqliteDb, RefusesToOverwrite) {
    TempDir dir;
    testing::write_text(dir / "r.sqlite", "x");
    EXPECT_FALSE(write_repodata_db(dir / "r.sqlite", sample(), LockInfo{}).has_value());
}

}  // namespace
}  // namespace wb::index
