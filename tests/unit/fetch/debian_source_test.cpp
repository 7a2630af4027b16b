#include "fetch/debian_source.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_process_runner.hpp"
#include "fakes/temp_dir.hpp"
#include "util/hash.hpp"

namespace wb::fetch {
namespace {
namespace fs = std::filesystem;
using util::ErrorKind;

/// What `apt-get source --download-only` leaves behind for a package.
const std::vector<std::string> k_apt_files = {"lxml_4.9.2.orig.tar.gz", "lxml_4.9.2.orig.tar.gz.asc",
                                              "lxml_4.9.2-1.dsc", "lxml_4.9.2-1.debian.tar.xz"};

class DebianSourceTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        m_store = std::make_unique<SourceStore>(dir() / "store");
    }
    SourceStore& store() { return *m_store; }

    /// A runner that writes files named like apt's downloads, each holding "<name> bytes".
    void apt_writes(std::vector<std::string> names) {
        runner.set_handler([this, names](const util::Command& command) {
            seen_cwd = command.cwd;
            for (const auto& name : names) write(command.cwd / name, name + " bytes");
            return util::Expected<util::ProcessResult>(util::ProcessResult{});
        });
    }

    fakes::FakeProcessRunner runner;
    fs::path seen_cwd;

private:
    std::unique_ptr<SourceStore> m_store;
};

TEST_F(DebianSourceTest, RunsAptInAFreshTempDirAndAdoptsTheOrigTarball) {
    apt_writes(k_apt_files);
    DebianSourceFetcher fetcher(runner);
    std::string sha = util::sha256_hex("lxml_4.9.2.orig.tar.gz bytes");
    auto path = fetcher.fetch({"lxml", "4.9.2-1", ""}, sha, "recipes/lxml.yaml", store());
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(*path, store().path_for(sha));
    EXPECT_EQ(read(*path), "lxml_4.9.2.orig.tar.gz bytes");

    ASSERT_EQ(runner.commands().size(), 1u);
    EXPECT_EQ(runner.commands()[0].argv,
              (std::vector<std::string>{"apt-get", "source", "--download-only", "lxml=4.9.2-1"}));
    EXPECT_EQ(seen_cwd.parent_path(), store().tmp_dir());
    EXPECT_FALSE(fs::exists(seen_cwd)) << "the download directory is removed afterwards";
}

TEST_F(DebianSourceTest, PicksAnExplicitlyNamedFile) {
    apt_writes(k_apt_files);
    DebianSourceFetcher fetcher(runner);
    std::string sha = util::sha256_hex("lxml_4.9.2-1.debian.tar.xz bytes");
    auto path = fetcher.fetch({"lxml", "4.9.2-1", "lxml_4.9.2-1.debian.tar.xz"}, sha, "r.yaml", store());
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(read(*path), "lxml_4.9.2-1.debian.tar.xz bytes");
}

TEST_F(DebianSourceTest, MissingNamedFileListsWhatCame) {
    apt_writes(k_apt_files);
    DebianSourceFetcher fetcher(runner);
    auto path = fetcher.fetch({"lxml", "4.9.2-1", "lxml_9.9.orig.tar.gz"}, util::sha256_hex("x"), "r.yaml", store());
    ASSERT_FALSE(path);
    EXPECT_NE(path.error().message.find("lxml_9.9.orig.tar.gz"), std::string::npos);
    EXPECT_NE(path.error().message.find("lxml_4.9.2-1.dsc"), std::string::npos);
    EXPECT_FALSE(fs::exists(seen_cwd));
}

TEST_F(DebianSourceTest, TwoOrigTarballsNeedAName) {
    apt_writes({"a_1.orig.tar.gz", "a_1.orig.tar.xz"});
    DebianSourceFetcher fetcher(runner);
    auto path = fetcher.fetch({"aa", "1-1", ""}, util::sha256_hex("x"), "r.yaml", store());
    ASSERT_FALSE(path);
    EXPECT_NE(path.error().message.find("found 2"), std::string::npos);
}

TEST_F(DebianSourceTest, AptFailureShowsItsLastLinesAndMentionsDebSrc) {
    runner.set_handler([](const util::Command&) {
        return util::Expected<util::ProcessResult>(fakes::process_result(
            100, "Reading package lists...\nE: You must put some 'deb-src' URIs in your sources.list\n"));
    });
    DebianSourceFetcher fetcher(runner);
    auto path = fetcher.fetch({"numpy", "1:1.19.5-1", ""}, util::sha256_hex("x"), "recipes/numpy.yaml", store());
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Network);
    const auto& message = path.error().message;
    EXPECT_NE(message.find("recipes/numpy.yaml"), std::string::npos);
    EXPECT_NE(message.find("numpy=1:1.19.5-1"), std::string::npos);
    EXPECT_NE(message.find("exit status 100"), std::string::npos);
    EXPECT_NE(message.find("E: You must put some 'deb-src' URIs"), std::string::npos);
    EXPECT_NE(message.find("ci/setup.sh"), std::string::npos);
    EXPECT_EQ(count_entries(store().tmp_dir()), 0u);
}

TEST_F(DebianSourceTest, HashMismatchStoresNothing) {
    apt_writes(k_apt_files);
    DebianSourceFetcher fetcher(runner);
    std::string wrong = util::sha256_hex("other bytes");
    auto path = fetcher.fetch({"lxml", "4.9.2-1", ""}, wrong, "recipes/lxml.yaml", store());
    ASSERT_FALSE(path);
    EXPECT_EQ(path.error().kind, ErrorKind::Integrity);
    EXPECT_NE(path.error().message.find(wrong), std::string::npos);
    EXPECT_NE(path.error().message.find(util::sha256_hex("lxml_4.9.2.orig.tar.gz bytes")), std::string::npos);
    EXPECT_NE(path.error().message.find("lxml=4.9.2-1"), std::string::npos);
    EXPECT_EQ(count_entries(store().root() / "sha256"), 0u);
    EXPECT_EQ(count_entries(store().tmp_dir()), 0u);
}

TEST_F(DebianSourceTest, RejectsNamesThatCouldPassForOptions) {
    DebianSourceFetcher fetcher(runner);
    std::string sha = util::sha256_hex("x");
    EXPECT_FALSE(fetcher.fetch({"-oAPT::Foo=1", "1.0-1", ""}, sha, "r.yaml", store()));
    EXPECT_FALSE(fetcher.fetch({"pkg", "--yes", ""}, sha, "r.yaml", store()));
    EXPECT_FALSE(fetcher.fetch({"pkg", "1.0 -1", ""}, sha, "r.yaml", store()));
    EXPECT_FALSE(fetcher.fetch({"pkg", "1.0-1", "../../etc/passwd"}, sha, "r.yaml", store()));
    EXPECT_TRUE(runner.commands().empty());
}

TEST(PickDebianFile, IgnoresSignaturesAndComponentTarballs) {
    auto picked = pick_debian_file({"p_1.orig.tar.xz.asc", "p_1.orig-docs.tar.gz", "p_1.orig.tar.xz", "p_1-1.dsc"}, "", "t");
    ASSERT_TRUE(picked) << picked.error().message;
    EXPECT_EQ(*picked, "p_1.orig.tar.xz");
    EXPECT_FALSE(pick_debian_file({"p_1-1.dsc", "p_1.tar.gz"}, "", "t"));
}

}  // namespace
}  // namespace wb::fetch
