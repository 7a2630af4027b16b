#include "fetch/fetcher.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_downloader.hpp"
#include "fakes/fake_process_runner.hpp"
#include "fakes/temp_dir.hpp"
#include "util/hash.hpp"

namespace wb::fetch {
namespace {
namespace fs = std::filesystem;
using util::ErrorKind;

class FetchSourceTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        m_store = std::make_unique<SourceStore>(dir() / "store");
    }
    SourceStore& store() { return *m_store; }

    SourceRequest url_request(std::vector<std::string> urls, const std::string& body) {
        SourceRequest request;
        request.kind = SourceRequest::Kind::Url;
        request.urls = std::move(urls);
        request.sha256 = util::sha256_hex(body);
        request.origin = "recipes/pkg.yaml";
        return request;
    }
    /// Puts body into the store the normal way.
    void preload(const std::string& body) {
        auto temp = store().new_temp_file("pre");
        ASSERT_TRUE(temp);
        write(*temp, body);
        ASSERT_TRUE(store().adopt(*temp, util::sha256_hex(body), "preload"));
    }

    fakes::FakeDownloader downloader;
    fakes::FakeProcessRunner runner;
    DebianSourceFetcher debian{runner};

private:
    std::unique_ptr<SourceStore> m_store;
};

TEST_F(FetchSourceTest, StoreHitDoesNoDownload) {
    preload("the source");
    auto request = url_request({"https://a.invalid/pkg.tar.gz"}, "the source");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "the source");
    EXPECT_TRUE(downloader.requests().empty());
    EXPECT_TRUE(runner.commands().empty());
}

TEST_F(FetchSourceTest, DownloadsAndAdoptsOnAMiss) {
    auto request = url_request({"https://a.invalid/pkg.tar.gz"}, "fresh bytes");
    downloader.serve("https://a.invalid/pkg.tar.gz", "fresh bytes");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(*path, store().path_for(request.sha256));
    EXPECT_EQ(read(*path), "fresh bytes");
    EXPECT_EQ(count_entries(store().tmp_dir()), 0u);
}

TEST_F(FetchSourceTest, AStoredObjectWithOtherBytesIsFetchedAgain) {
    preload("the source");
    auto request = url_request({"https://a.invalid/pkg.tar.gz"}, "the source");
    write(store().path_for(request.sha256), "tampered!!");
    downloader.serve("https://a.invalid/pkg.tar.gz", "the source");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "the source");
    EXPECT_EQ(downloader.requests().size(), 1u);
}

TEST_F(FetchSourceTest, OfflineMissIsANetworkErrorNamingHashAndUrl) {
    auto request = url_request({"https://a.invalid/pkg.tar.gz"}, "never fetched");
    downloader.serve("https://a.invalid/pkg.tar.gz", "never fetched");
    auto path = fetch_source(request, store(), downloader, debian, true);
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Network);
    EXPECT_NE(path.error().message.find(request.sha256), std::string::npos);
    EXPECT_NE(path.error().message.find("https://a.invalid/pkg.tar.gz"), std::string::npos);
    EXPECT_NE(path.error().message.find("not in the source store"), std::string::npos);
    EXPECT_TRUE(downloader.requests().empty());
}

TEST_F(FetchSourceTest, OfflineHitStillWorks) {
    preload("cached");
    auto path = fetch_source(url_request({"https://a.invalid/x"}, "cached"), store(), downloader, debian, true);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "cached");
}

TEST_F(FetchSourceTest, MismatchOnFirstMirrorFallsBackToTheNext) {
    auto request = url_request({"https://bad.invalid/p.tgz", "https://good.invalid/p.tgz"}, "right");
    downloader.serve("https://bad.invalid/p.tgz", "tampered");
    downloader.serve("https://good.invalid/p.tgz", "right");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "right");
    EXPECT_EQ(downloader.requests(), (std::vector<std::string>{"https://bad.invalid/p.tgz", "https://good.invalid/p.tgz"}));
    EXPECT_FALSE(store().lookup(util::sha256_hex("tampered")));
    EXPECT_EQ(count_entries(store().tmp_dir()), 0u);
}

TEST_F(FetchSourceTest, NetworkErrorOnFirstMirrorFallsBackToTheNext) {
    auto request = url_request({"https://down.invalid/p.tgz", "https://up.invalid/p.tgz"}, "right");
    downloader.fail_with("https://down.invalid/p.tgz", ErrorKind::Network,
                         "download https://down.invalid/p.tgz: Could not resolve host");
    downloader.serve("https://up.invalid/p.tgz", "right");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(downloader.requests().size(), 2u);
}

TEST_F(FetchSourceTest, WhenAllMirrorsFailTheErrorListsEachAndNothingIsStored) {
    auto request = url_request({"https://one.invalid/p.tgz", "https://two.invalid/p.tgz"}, "right");
    downloader.serve("https://one.invalid/p.tgz", "wrong");
    downloader.fail_with("https://two.invalid/p.tgz", ErrorKind::Network, "download https://two.invalid/p.tgz: HTTP status 503");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Network);
    const std::string& message = path.error().message;
    EXPECT_NE(message.find("recipes/pkg.yaml"), std::string::npos);
    EXPECT_NE(message.find("https://one.invalid/p.tgz: sha256 mismatch"), std::string::npos);
    EXPECT_NE(message.find(util::sha256_hex("wrong")), std::string::npos);
    EXPECT_NE(message.find("HTTP status 503"), std::string::npos);
    EXPECT_FALSE(fs::exists(store().path_for(request.sha256)));
    EXPECT_EQ(count_entries(store().root() / "sha256"), 0u);
    EXPECT_EQ(count_entries(store().tmp_dir()), 0u);
}

TEST_F(FetchSourceTest, AllMismatchesMakeAnIntegrityError) {
    auto request = url_request({"https://one.invalid/p.tgz"}, "right");
    downloader.serve("https://one.invalid/p.tgz", "wrong");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Integrity);
}

TEST_F(FetchSourceTest, SizeLimitIsPassedToTheDownloader) {
    auto request = url_request({"https://a.invalid/huge"}, std::string(5000, 'x'));
    downloader.serve("https://a.invalid/huge", std::string(5000, 'x'));
    DownloadOptions options;
    options.max_bytes = 1000;
    auto path = fetch_source(request, store(), downloader, debian, false, options);
    ASSERT_FALSE(path);
    EXPECT_NE(path.error().message.find("size limit of 1000 bytes"), std::string::npos);
    EXPECT_EQ(count_entries(store().root() / "sha256"), 0u);
}

TEST_F(FetchSourceTest, InterruptionStopsTheMirrorLoop) {
    auto request = url_request({"https://a.invalid/p", "https://b.invalid/p"}, "x");
    downloader.fail_with("https://a.invalid/p", ErrorKind::Interrupted, "download https://a.invalid/p: interrupted");
    downloader.serve("https://b.invalid/p", "x");
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Interrupted);
    EXPECT_EQ(downloader.requests().size(), 1u);
}

TEST_F(FetchSourceTest, MalformedHashIsAnInputErrorBeforeAnyDownload) {
    auto request = url_request({"https://a.invalid/p"}, "x");
    request.sha256 = "not-a-hash";
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Input);
    EXPECT_NE(path.error().message.find("recipes/pkg.yaml"), std::string::npos);
    EXPECT_TRUE(downloader.requests().empty());
}

TEST_F(FetchSourceTest, PathSourcesArePassedThrough) {
    write(dir() / "src" / "setup.py", "print()");
    SourceRequest request;
    request.kind = SourceRequest::Kind::Path;
    request.path = dir() / "src";
    request.origin = "recipes/local.yaml";
    auto path = fetch_source(request, store(), downloader, debian, true);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(*path, dir() / "src");
    EXPECT_FALSE(fs::exists(store().root() / "sha256"));

    request.path = dir() / "missing";
    auto missing = fetch_source(request, store(), downloader, debian, true);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, ErrorKind::Input);
    EXPECT_NE(missing.error().message.find("missing"), std::string::npos);
}

TEST_F(FetchSourceTest, DebianSourcesGoThroughApt) {
    runner.set_handler([this](const util::Command& command) {
        write(command.cwd / "zlib_1.2.13.orig.tar.gz", "zlib tarball");
        return util::Expected<util::ProcessResult>(util::ProcessResult{});
    });
    SourceRequest request;
    request.kind = SourceRequest::Kind::Debian;
    request.debian_package = "zlib";
    request.debian_version = "1:1.2.13.dfsg-1";
    request.sha256 = util::sha256_hex("zlib tarball");
    request.origin = "recipes/zlib.yaml";
    auto path = fetch_source(request, store(), downloader, debian, false);
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "zlib tarball");
    ASSERT_EQ(runner.commands().size(), 1u);
    EXPECT_EQ(runner.commands()[0].argv.back(), "zlib=1:1.2.13.dfsg-1");
    EXPECT_TRUE(downloader.requests().empty());

    auto offline_again = fetch_source(request, store(), downloader, debian, true);
    ASSERT_TRUE(offline_again);
    EXPECT_EQ(runner.commands().size(), 1u);
}

}  // namespace
}  // namespace wb::fetch
