#include <gtest/gtest.h>

#include <fstream>

#include "engine/build_cache.hpp"
#include "fakes/temp_dir.hpp"
#include "util/hash.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

const std::string k_key = std::string(64, 'k');

class BuildCacheTest : public wb::test::TempDirTest {
protected:
    CacheLayout layout() const { return CacheLayout(dir() / "cache"); }
    /// A finished build of "pkg" with one product at `product_path` holding `content`.
    BuildResult record(const std::string& product_path = "dist/pkg-1.0-py3-none-any.whl",
                       const std::string& content = "wheel bytes", const std::string& key = k_key) {
        BuildResult r;
        r.name = "pkg";
        r.version = "1.0";
        r.variant = "a";
        r.key = key;
        r.dir = layout().build_dir("pkg", key);
        r.wheels = {{product_path, util::sha256_hex(content), content.size()}};
        fs::create_directories(r.dir);
        EXPECT_TRUE(write_result(r));
        return r;
    }
    std::string refused(const std::string& key = k_key) {
        std::string problem;
        EXPECT_FALSE(BuildCache(layout()).lookup("pkg", key, &problem));
        EXPECT_FALSE(problem.empty());
        return problem;
    }
};

TEST_F(BuildCacheTest, AVerifiedRecordIsAHit) {
    BuildResult r = record();
    write(r.dir / "dist/pkg-1.0-py3-none-any.whl", "wheel bytes");
    BuildCache cache(layout());
    EXPECT_TRUE(cache.has("pkg", k_key));
    std::string problem;
    auto hit = cache.lookup("pkg", k_key, &problem);
    ASSERT_TRUE(hit) << problem;
    EXPECT_TRUE(problem.empty());
    EXPECT_EQ(hit->outcome, Outcome::Cached);
    EXPECT_EQ(hit->dir, r.dir);
    EXPECT_EQ(hit->wheel(), r.dir / "dist/pkg-1.0-py3-none-any.whl");
}

TEST_F(BuildCacheTest, NoRecordIsAMissWithoutAProblem) {
    BuildCache cache(layout());
    std::string problem;
    EXPECT_FALSE(cache.has("pkg", k_key));
    EXPECT_FALSE(cache.lookup("pkg", k_key, &problem));
    EXPECT_TRUE(problem.empty());
    // A directory without result.json is an unfinished build, not a build.
    fs::create_directories(layout().build_dir("pkg", k_key) / "dist");
    EXPECT_FALSE(cache.has("pkg", k_key));
}

TEST_F(BuildCacheTest, AProductWhoseHashDiffersIsRefused) {
    BuildResult r = record();
    write(r.dir / "dist/pkg-1.0-py3-none-any.whl", "other bytes");
    std::string problem = refused();
    EXPECT_NE(problem.find("but the build recorded " + util::sha256_hex("wheel bytes")), std::string::npos) << problem;
}

TEST_F(BuildCacheTest, AMissingProductIsRefused) {
    record();
    refused();
}

TEST_F(BuildCacheTest, AProductPathWithDotDotIsRefused) {
    write(dir() / "cache/builds/pkg/outside.whl", "wheel bytes");
    record("../outside.whl");
    EXPECT_NE(refused().find("product path '../outside.whl' leaves the build directory"), std::string::npos);
    record("dist/../../outside.whl");
    EXPECT_NE(refused().find("leaves the build directory"), std::string::npos);
}

TEST_F(BuildCacheTest, AnAbsoluteProductPathIsRefused) {
    write(dir() / "elsewhere.whl", "wheel bytes");
    record((dir() / "elsewhere.whl").string());
    EXPECT_NE(refused().find("leaves the build directory"), std::string::npos);
}

TEST_F(BuildCacheTest, ASymlinkedProductIsRefused) {
    write(dir() / "elsewhere.whl", "wheel bytes");
    BuildResult r = record();
    fs::create_directories(r.dir / "dist");
    fs::create_symlink(dir() / "elsewhere.whl", r.dir / "dist/pkg-1.0-py3-none-any.whl");
    EXPECT_NE(refused().find("is a symlink"), std::string::npos);
}

TEST_F(BuildCacheTest, AProductUnderASymlinkedDirectoryIsRefused) {
    write(dir() / "elsewhere/pkg-1.0-py3-none-any.whl", "wheel bytes");
    BuildResult r = record();
    fs::create_directory_symlink(dir() / "elsewhere", r.dir / "dist");
    EXPECT_NE(refused().find("is a symlink"), std::string::npos);
}

TEST_F(BuildCacheTest, ARecordOfAnotherKeyOrABrokenRecordIsRefused) {
    BuildResult r = record();
    write(r.dir / "dist/pkg-1.0-py3-none-any.whl", "wheel bytes");
    std::string other_key(64, 'o');
    fs::create_directories(layout().builds("pkg"));
    fs::rename(r.dir, layout().build_dir("pkg", other_key));  // the record still names k_key
    EXPECT_NE(refused(other_key).find("records pkg " + k_key), std::string::npos);
    write(layout().build_dir("pkg", k_key) / "result.json", "{not json");
    EXPECT_NE(refused().find("not JSON"), std::string::npos);
}

TEST_F(BuildCacheTest, LatestIsTheNewestRecordOfTheVariant) {
    BuildResult old = record("dist/a.whl", "a", std::string(64, '1'));
    BuildResult r = record("dist/b.whl", "b", std::string(64, '2'));
    fs::last_write_time(old.dir / "result.json", fs::file_time_type::clock::now() - std::chrono::hours(1));
    BuildCache cache(layout());
    auto latest = cache.latest("pkg", "a");
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->key, r.key);
    EXPECT_FALSE(cache.latest("pkg", "b"));
    EXPECT_FALSE(cache.latest("nothing", "a"));
}

}  // namespace
}  // namespace wb::engine
