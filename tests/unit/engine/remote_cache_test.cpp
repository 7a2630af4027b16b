#include <gtest/gtest.h>

#include "engine/build_cache.hpp"
#include "engine/remote_cache.hpp"
#include "fakes/fake_remote_storage.hpp"
#include "fakes/temp_dir.hpp"
#include "util/hash.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

const std::string k_key = std::string(64, 'a');
const std::string k_wheel = "dist/pkg-1.0-py3-none-any.whl";

/// Two machines' caches (one and two) and one remote between them.
class RemoteCacheTest : public wb::test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        auto storage = std::make_unique<fakes::FakeRemoteStorage>();
        m_storage = storage.get();
        m_remote = std::make_unique<RemoteCache>(std::move(storage), dir() / "tmp",
                                                 [this](const std::string& m) { reports.push_back(m); });
    }
    CacheLayout one() const { return CacheLayout(dir() / "one"); }
    CacheLayout two() const { return CacheLayout(dir() / "two"); }

    /// A finished build in cache one: a wheel, a library prefix with a symlink, a log.
    BuildResult built_in_one() {
        BuildResult r;
        r.name = "pkg";
        r.version = "1.0";
        r.variant = "a";
        r.key = k_key;
        r.build_seconds = 7;
        r.dir = one().build_dir("pkg", k_key);
        write(r.dir / k_wheel, "wheel bytes");
        write(r.dir / "prefix/lib/libpkg.a", "archive bytes");
        fs::create_symlink("libpkg.a", r.dir / "prefix/lib/libpkg.so");
        write(r.dir / "build.log", "log of the build\n");
        r.wheels = {{k_wheel, util::sha256_hex("wheel bytes"), 11}};
        r.outcome = Outcome::Built;
        EXPECT_TRUE(write_result(r));
        return r;
    }

    fakes::FakeRemoteStorage* m_storage = nullptr;
    std::unique_ptr<RemoteCache> m_remote;
    std::vector<std::string> reports;
};

TEST_F(RemoteCacheTest, APublishedBuildIsFetchedIntoAnotherCacheVerified) {
    BuildCache(one(), m_remote.get()).publish(built_in_one());
    EXPECT_EQ(m_remote->stats().published, 1);
    EXPECT_TRUE(m_storage->blobs.count(action_storage_key(k_key)));
    EXPECT_TRUE(m_storage->blobs.count(object_storage_key(util::sha256_hex("wheel bytes"))));

    BuildCache cache_two(two(), m_remote.get());
    EXPECT_FALSE(cache_two.has("pkg", k_key));
    std::string problem;
    auto hit = cache_two.lookup("pkg", k_key, &problem);
    ASSERT_TRUE(hit) << problem << (reports.empty() ? "" : reports[0]);
    EXPECT_EQ(hit->outcome, Outcome::Cached);
    EXPECT_EQ(hit->dir, two().build_dir("pkg", k_key));
    EXPECT_DOUBLE_EQ(hit->build_seconds, 7);
    EXPECT_EQ(read(hit->wheel()), "wheel bytes");
    EXPECT_EQ(read(hit->prefix() / "lib/libpkg.a"), "archive bytes");
    EXPECT_TRUE(fs::is_symlink(hit->prefix() / "lib/libpkg.so"));
    EXPECT_EQ(read(hit->dir / "build.log"), "log of the build\n");
    EXPECT_EQ(m_remote->stats().fetched, 1);
    EXPECT_GT(m_remote->stats().bytes_down, 0u);
    EXPECT_TRUE(reports.empty());
}

TEST_F(RemoteCacheTest, AMissIsQuiet) {
    EXPECT_FALSE(BuildCache(two(), m_remote.get()).lookup("pkg", k_key));
    EXPECT_EQ(m_remote->stats().missed, 1);
    EXPECT_TRUE(reports.empty());
    EXPECT_TRUE(m_remote->available());
}

TEST_F(RemoteCacheTest, AFlippedByteIsRefusedReportedAndLeavesNothing) {
    BuildCache(one(), m_remote.get()).publish(built_in_one());
    ASSERT_GT(m_storage->tamper("objects/"), 0);
    std::string problem;
    EXPECT_FALSE(BuildCache(two(), m_remote.get()).lookup("pkg", k_key, &problem));
    EXPECT_EQ(m_remote->stats().refused, 1);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find("does not match its name"), std::string::npos) << reports[0];
    EXPECT_FALSE(fs::exists(two().build_dir("pkg", k_key)));
    EXPECT_TRUE(fs::is_empty(two().builds("pkg")));  // no staging directory left either
    EXPECT_TRUE(m_remote->available());               // a bad object is a miss, not a dead server
    int gets = m_storage->gets;
    EXPECT_FALSE(BuildCache(two(), m_remote.get()).lookup("pkg", k_key));  // not fetched again this run
    EXPECT_EQ(m_storage->gets, gets);
    EXPECT_EQ(reports.size(), 1u);
}

TEST_F(RemoteCacheTest, AnEntryForAnotherKeyIsRefused) {
    BuildCache(one(), m_remote.get()).publish(built_in_one());
    std::string other = std::string(64, 'b');
    m_storage->blobs[action_storage_key(other)] = m_storage->blobs[action_storage_key(k_key)];
    EXPECT_FALSE(BuildCache(two(), m_remote.get()).lookup("pkg", other));
    EXPECT_EQ(m_remote->stats().refused, 1);
}

TEST_F(RemoteCacheTest, WriteOnceTheFirstEntryStands) {
    BuildResult r = built_in_one();
    BuildCache cache(one(), m_remote.get());
    cache.publish(r);
    std::string first = m_storage->blobs[action_storage_key(k_key)];
    r.build_seconds = 99;
    cache.publish(r);
    EXPECT_EQ(m_storage->blobs[action_storage_key(k_key)], first);
    EXPECT_EQ(m_remote->stats().published, 1);
    EXPECT_EQ(m_remote->stats().already_there, 1);
}

TEST_F(RemoteCacheTest, ADownRemoteDegradesToLocalOnlyWithOneWarning) {
    m_storage->down = true;
    BuildCache cache(two(), m_remote.get());
    EXPECT_FALSE(cache.lookup("pkg", k_key));
    EXPECT_FALSE(cache.lookup("pkg", std::string(64, 'c')));
    cache.publish(built_in_one());
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find("going on with the local cache only"), std::string::npos);
    EXPECT_NE(reports[0].find("Connection refused"), std::string::npos);
    EXPECT_FALSE(m_remote->available());
    EXPECT_EQ(m_storage->gets, 1);  // switched off after the first failure
}

TEST_F(RemoteCacheTest, ALocalBuildWinsOverTheRemote) {
    BuildResult r = built_in_one();
    BuildCache(one(), m_remote.get()).publish(r);
    int gets = m_storage->gets;
    EXPECT_TRUE(BuildCache(one(), m_remote.get()).lookup("pkg", k_key));
    EXPECT_EQ(m_storage->gets, gets);
}

TEST_F(RemoteCacheTest, AToolchainRootTravelsByIdentityAndIsCheckedByHash) {
    const std::string identity = std::string(64, 'd');
    write(dir() / "root.tar.zst", "an exported root");
    EXPECT_FALSE(m_remote->has_root(identity));
    EXPECT_TRUE(m_remote->publish_root("tc", identity, dir() / "root.tar.zst"));
    EXPECT_TRUE(m_remote->has_root(identity));
    ASSERT_TRUE(m_remote->fetch_root(identity, dir() / "fetched.tar.zst"));
    EXPECT_EQ(read(dir() / "fetched.tar.zst"), "an exported root");
    EXPECT_FALSE(m_remote->fetch_root(std::string(64, 'e'), dir() / "none"));  // another identity: a miss
    EXPECT_TRUE(reports.empty());
    m_storage->tamper("objects/");
    EXPECT_FALSE(m_remote->fetch_root(identity, dir() / "bad.tar.zst"));
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find("refused toolchain root"), std::string::npos) << reports[0];
    EXPECT_FALSE(m_remote->has_root("../../etc"));  // not an identity: never a storage key
}

TEST(ActionEntry, ParsesWhatItWritesAndRefusesEscapes) {
    ActionEntry e;
    e.name = "pkg";
    e.key = k_key;
    e.result = {{"name", "pkg"}};
    e.objects = {{ObjectRef::Role::File, k_wheel, std::string(64, 'f'), 3},
                 {ObjectRef::Role::Tree, "", std::string(64, 'e'), 9}};
    auto back = ActionEntry::parse(e.to_text());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->objects.size(), 2u);
    EXPECT_EQ(back->objects[0].path, k_wheel);
    e.objects[0].path = "../../etc/passwd";
    EXPECT_FALSE(ActionEntry::parse(e.to_text()));
    e.objects[0].path = "/etc/passwd";
    EXPECT_FALSE(ActionEntry::parse(e.to_text()));
    e.objects[0] = {ObjectRef::Role::File, k_wheel, "../x", 3};
    EXPECT_FALSE(ActionEntry::parse(e.to_text()));
    EXPECT_FALSE(ActionEntry::parse("{\"format\": \"other\"}"));
    EXPECT_EQ(object_storage_key(std::string(64, 'f')), "objects/ff/" + std::string(64, 'f'));
}

}  // namespace
}  // namespace wb::engine
