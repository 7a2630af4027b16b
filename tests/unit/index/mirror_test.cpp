#include <gtest/gtest.h>

#include "fetch/curl_downloader.hpp"
#include "index/mirror/mirror.hpp"
#include "index/validation/verifier.hpp"
#include "publish_test_http.hpp"
#include "publish_test_support.hpp"

namespace wb::index {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

class MirrorTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::make_keys(m_dir / "keys");
        testing::make_wheel(wheels(), "alpha", "1.0");
        testing::make_wheel(wheels(), "beta", "2.0", {"alpha"});
        publish_at(testing::test_time());
        fs::copy_file(origin() / "metadata/1.root.json", m_dir / "trusted.json");
    }
    fs::path wheels() const { return m_dir / "wheels"; }
    fs::path origin() const { return m_dir / "origin"; }
    fs::path mirror_dir() const { return m_dir / "mirror"; }
    void publish_at(TimePoint t) {
        auto o = testing::publish_options(wheels(), origin(), m_dir / "keys");
        o.now = t;
        testing::publish_ok(o);
    }
    MirrorOptions options(const std::string& source) const {
        MirrorOptions o;
        o.source = source;
        o.dest = mirror_dir();
        o.trusted_root = m_dir / "trusted.json";
        o.now = testing::test_time() + std::chrono::hours(1);
        o.source_options.low_speed_time = std::chrono::seconds(2);
        o.source_options.total_timeout = std::chrono::seconds(20);
        o.source_options.retries = 0;
        return o;
    }
    Expected<MirrorResult> run(const std::string& source) { return mirror_repository(options(source), m_downloader); }
    Expected<VerifyReport> verify_mirror() {
        VerifyOptions o;
        o.source = mirror_dir().string();
        o.trusted_root = m_dir / "trusted.json";
        o.state = m_dir / "client-state";
        o.now = testing::test_time() + std::chrono::hours(1);
        return verify_repository(o, m_downloader);
    }
public:
    fs::path origin_dir() const { return origin(); }
    fs::path wheels_dir() const { return wheels(); }
    void publish_later() { publish_at(testing::test_time() + std::chrono::minutes(1)); }
    Expected<VerifyReport> verify_http(const std::string& url) {
        VerifyOptions o;
        o.source = url;
        o.trusted_root = m_dir / "trusted.json";
        o.state = m_dir / "http-state";
        o.now = testing::test_time() + std::chrono::hours(1);
        return verify_repository(o, m_downloader);
    }

protected:
    TempDir m_dir;
    fetch::CurlDownloader m_downloader;
};

TEST_F(MirrorTest, MirrorsADirectoryAndTheCopyVerifies) {
    auto r = run(origin().string());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->files, 12u);
    EXPECT_EQ(r->downloaded, 12u);
    EXPECT_EQ(testing::read_text(mirror_dir() / "pyodide-lock.json"), testing::read_text(origin() / "pyodide-lock.json"));
    auto v = verify_mirror();
    EXPECT_TRUE(v.has_value()) << v.error().message;
}

TEST_F(MirrorTest, SecondRunIsIncrementalAndThirdIsUpToDate) {
    ASSERT_TRUE(run(origin().string()).has_value());
    testing::make_wheel(wheels(), "gamma", "3.0");
    publish_at(testing::test_time() + std::chrono::minutes(1));
    auto r = run(origin().string());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    // gamma's wheel, metadata and two pages, both project lists, lock file, database
    EXPECT_EQ(r->downloaded, 8u);
    EXPECT_EQ(r->linked, 8u);  // alpha and beta: wheels, metadata, pages
    auto again = run(origin().string());
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(again->up_to_date);
    EXPECT_TRUE(verify_mirror().has_value());
}

TEST_F(MirrorTest, InterruptedRunResumesFromStaging) {
    fs::path staging = m_dir / "mirror.generations/staging";
    fs::create_directories(staging / "packages");
    fs::copy_file(origin() / "packages/alpha-1.0-py3-none-any.whl", staging / "packages/alpha-1.0-py3-none-any.whl");
    testing::write_text(staging / "packages/beta-2.0-py3-none-any.whl", "half a wheel");
    testing::write_text(staging / "junk.part", "leftover");
    auto r = run(origin().string());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->resumed, 1u);
    EXPECT_EQ(r->downloaded, 11u);
    EXPECT_FALSE(fs::exists(mirror_dir() / "junk.part"));
    EXPECT_TRUE(verify_mirror().has_value());
}

TEST_F(MirrorTest, TamperedOriginNeverBecomesVisible) {
    ASSERT_TRUE(run(origin().string()).has_value());
    std::string before = testing::read_text(mirror_dir() / "metadata/timestamp.json");
    testing::make_wheel(wheels(), "gamma", "3.0");
    publish_at(testing::test_time() + std::chrono::minutes(1));
    fs::path wheel = origin() / "packages/gamma-3.0-py3-none-any.whl";
    std::string bytes = testing::read_text(wheel);
    fs::remove(wheel);
    testing::write_text(wheel, bytes + "trailing");
    auto r = run(origin().string());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("gamma-3.0-py3-none-any.whl"), std::string::npos) << r.error().message;
    EXPECT_EQ(testing::read_text(mirror_dir() / "metadata/timestamp.json"), before);
}

TEST_F(MirrorTest, MirrorsOverHttp) {
    testing::TestHttpServer server(origin());
    auto r = run(server.url() + "/");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->downloaded, 12u);
    EXPECT_TRUE(verify_mirror().has_value());
}

TEST_F(MirrorTest, EndlessResponseIsCutAtTheExpectedSize) {
    testing::TestHttpServer server(origin());
    server.misbehave("/metadata/timestamp.json", testing::Misbehaviour::Endless);
    auto start = std::chrono::steady_clock::now();
    auto r = run(server.url());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("timestamp.json"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("size limit"), std::string::npos) << r.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
    EXPECT_FALSE(fs::exists(mirror_dir()));
}

TEST_F(MirrorTest, DrippingServerIsAbandoned) {
    testing::TestHttpServer server(origin());
    server.misbehave("/packages/alpha-1.0-py3-none-any.whl", testing::Misbehaviour::Drip);
    auto start = std::chrono::steady_clock::now();
    auto r = run(server.url());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("alpha-1.0-py3-none-any.whl"), std::string::npos) << r.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
    EXPECT_FALSE(fs::exists(mirror_dir()));
}

TEST_F(MirrorTest, VerifyOverHttpDetectsTampering) {
    testing::TestHttpServer server(origin());
    VerifyOptions o;
    o.source = server.url();
    o.trusted_root = m_dir / "trusted.json";
    o.state = m_dir / "http-state";
    o.now = testing::test_time() + std::chrono::hours(1);
    auto ok = verify_repository(o, m_downloader);
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    fs::path page = origin() / "simple/beta/index.json";
    std::string text = testing::read_text(page);
    fs::remove(page);
    testing::write_text(page, text.substr(1));
    auto bad = verify_repository(o, m_downloader);
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("simple/beta/index.json"), std::string::npos) << bad.error().message;
}

/// Verifies origin over HTTP while a publish switches the tree just before path is first served.
Expected<VerifyReport> verify_during_publish(MirrorTest& t, const std::string& path) {
    testing::TestHttpServer server(t.origin_dir());  // the symlink is resolved per request
    testing::make_wheel(t.wheels_dir(), "gamma", "3.0");
    server.before_first(path, [&] { t.publish_later(); });
    return t.verify_http(server.url());
}

TEST_F(MirrorTest, VerifyOverHttpSurvivesAPublishSwitchingTheTreeBetweenFiles) {
    auto r = verify_during_publish(*this, "/pyodide-lock.json");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->timestamp_version, 2u);  // judged on the new generation
    EXPECT_EQ(r->files_checked, 16u);
}

TEST_F(MirrorTest, VerifyOverHttpSurvivesAPublishSwitchingTheTreeBetweenMetadata) {
    auto r = verify_during_publish(*this, "/metadata/targets.json");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->timestamp_version, 2u);
}

}  // namespace
}  // namespace wb::index
