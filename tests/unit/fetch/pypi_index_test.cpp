#include "fetch/pypi_index.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/fake_downloader.hpp"
#include "fakes/fake_process_runner.hpp"
#include "fakes/temp_dir.hpp"

namespace wb::fetch {
namespace {
using util::ErrorKind;

const std::string k_sha = std::string(64, 'a');

std::string page(const std::string& url, const std::string& sha = k_sha) {
    return R"({"meta": {"api-version": "1.1"}, "name": "numpy", "files": [
        {"filename": "numpy-2.0.tar.gz.asc", "url": "x", "hashes": {}},
        {"filename": "numpy-2.0.tar.gz", "url": ")" + url + R"(", "hashes": {"sha256": ")" + sha + R"("}}]})";
}

TEST(FindIndexFile, ResolvesRelativeUrlsAgainstThePage) {
    const std::string at = "https://index.test/simple/numpy/";
    auto up = find_index_file(page("../../packages/ab/numpy-2.0.tar.gz#sha256=" + k_sha), at, "numpy-2.0.tar.gz");
    ASSERT_TRUE(up) << up.error().message;
    EXPECT_EQ(up->url, "https://index.test/packages/ab/numpy-2.0.tar.gz");  // the fragment is not part of it
    EXPECT_EQ(up->sha256, k_sha);
    auto rooted = find_index_file(page("/files/numpy-2.0.tar.gz"), at, "numpy-2.0.tar.gz");
    ASSERT_TRUE(rooted);
    EXPECT_EQ(rooted->url, "https://index.test/files/numpy-2.0.tar.gz");
    auto here = find_index_file(page("numpy-2.0.tar.gz"), at, "numpy-2.0.tar.gz");
    ASSERT_TRUE(here);
    EXPECT_EQ(here->url, "https://index.test/simple/numpy/numpy-2.0.tar.gz");
}

TEST(FindIndexFile, KeepsAbsoluteUrls) {
    auto f = find_index_file(page("https://files.test/n/numpy-2.0.tar.gz"), "https://index.test/simple/numpy/",
                             "numpy-2.0.tar.gz");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->url, "https://files.test/n/numpy-2.0.tar.gz");
}

TEST(FindIndexFile, AFileTheIndexDoesNotListIsAnError) {
    auto f = find_index_file(page("x"), "https://index.test/simple/numpy/", "numpy-9.9.tar.gz");
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().message, "https://index.test/simple/numpy/: the index lists no file 'numpy-9.9.tar.gz'");
}

TEST(FindIndexFile, APageThatIsNotPep691IsAnError) {
    for (const char* text : {"<html><body>simple</body></html>", "[]", R"({"name": "numpy"})",
                             R"({"files": "none"})"}) {
        auto f = find_index_file(text, "https://index.test/simple/numpy/", "numpy-2.0.tar.gz");
        ASSERT_FALSE(f) << text;
        EXPECT_NE(f.error().message.find("not a PEP 691 project page"), std::string::npos) << f.error().message;
    }
}

class PypiIndexTest : public test::TempDirTest {
protected:
    PypiIndex index(std::string base = "https://index.test/simple") {
        return PypiIndex(m_downloader, [base] { return util::Expected<std::string>(base); }, dir() / "tmp");
    }
    fakes::FakeDownloader m_downloader;
};

TEST_F(PypiIndexTest, AsksForTheJsonPageOfTheNormalizedProject) {
    m_downloader.serve("https://index.test/simple/ruamel-yaml/", page("../../p/numpy-2.0.tar.gz"));
    auto url = index().file_url("Ruamel.YAML", "numpy-2.0.tar.gz", k_sha);
    ASSERT_TRUE(url) << url.error().message;
    EXPECT_EQ(*url, "https://index.test/p/numpy-2.0.tar.gz");
    ASSERT_EQ(m_downloader.requests(), std::vector<std::string>{"https://index.test/simple/ruamel-yaml/"});
    EXPECT_EQ(m_downloader.options().at(0).headers,
              std::vector<std::string>{"Accept: application/vnd.pypi.simple.v1+json"});
    EXPECT_EQ(count_entries(dir() / "tmp"), 0u);  // the page is not kept
}

// Two platforms' nodes (or two processes sharing a cache) ask for one project at once: each call
// downloads into a place of its own (one shared file name let one call delete the page the other was
// about to read).
TEST_F(PypiIndexTest, ConcurrentCallsForOneProjectDoNotShareTheirDownload) {
    struct SlowDownloader : fetch::Downloader {
        util::Expected<void> download(const std::string&, const std::filesystem::path& dest,
                                      const fetch::DownloadOptions&) override {
            std::ofstream(dest) << R"({"meta": {"api-version": "1.1"}, "files": [{"filename": "x-1.tar.gz", )"
                                   R"("url": "x-1.tar.gz"}]})";
            std::this_thread::sleep_for(std::chrono::milliseconds(2));  // another call writes meanwhile
            return {};
        }
    } slow;
    PypiIndex shared(slow, [] { return util::Expected<std::string>("https://index.test/simple"); }, dir() / "tmp");
    std::atomic<int> failures{0};
    auto ask = [&] {
        for (int i = 0; i < 40; ++i) failures += !shared.project_files("x");
    };
    std::thread a(ask), b(ask);
    a.join();
    b.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(count_entries(dir() / "tmp"), 0u);
}

TEST_F(PypiIndexTest, ProjectFilesGiveNamesHashesRequiresPythonAndYanked) {
    m_downloader.serve("https://index.test/simple/six/", R"({"meta": {"api-version": "1.1"}, "name": "six", "files": [
        {"filename": "six-1.0.tar.gz", "url": "../../p/six-1.0.tar.gz", "hashes": {"sha256": "aa"},
         "requires-python": ">=3.8", "yanked": "broken"},
        {"filename": "six-1.1.tar.gz", "url": "/p/six-1.1.tar.gz", "hashes": {}, "yanked": false},
        {"filename": "no-url.tar.gz"}, {"url": "no-name"}]})");
    auto files = index().project_files("Six");
    ASSERT_TRUE(files) << files.error().message;
    ASSERT_EQ(files->size(), 2u);
    EXPECT_EQ((*files)[0].filename, "six-1.0.tar.gz");
    EXPECT_EQ((*files)[0].url, "https://index.test/p/six-1.0.tar.gz");
    EXPECT_EQ((*files)[0].sha256, "aa");
    EXPECT_EQ((*files)[0].requires_python, ">=3.8");
    EXPECT_TRUE((*files)[0].yanked);  // PEP 592: a reason string means yanked
    EXPECT_FALSE((*files)[1].yanked);
    EXPECT_TRUE((*files)[1].sha256.empty());
}

TEST_F(PypiIndexTest, AHashThatDiffersFromTheIndexIsRefused) {
    m_downloader.serve("https://index.test/simple/numpy/", page("numpy-2.0.tar.gz", std::string(64, 'b')));
    auto url = index("https://index.test/simple/").file_url("numpy", "numpy-2.0.tar.gz", k_sha);
    ASSERT_FALSE(url);
    EXPECT_EQ(url.error().kind, ErrorKind::Integrity);
    EXPECT_NE(url.error().message.find("the index gives numpy-2.0.tar.gz the sha256 " + std::string(64, 'b') +
                                       ", the recipe pins " + k_sha),
              std::string::npos) << url.error().message;
}

TEST_F(PypiIndexTest, DownloadAndResolverErrorsPassThrough) {
    auto missing = index().file_url("numpy", "numpy-2.0.tar.gz", k_sha);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, ErrorKind::Network);
    PypiIndex broken(m_downloader, [] { return util::Expected<std::string>(util::fail(ErrorKind::Usage, "no pip")); },
                     dir());
    auto unresolved = broken.file_url("numpy", "numpy-2.0.tar.gz", k_sha);
    ASSERT_FALSE(unresolved);
    EXPECT_EQ(unresolved.error().message, "no pip");
}

TEST(PipIndexUrl, TheEnvironmentComesFirstThenPipsConfiguration) {
    fakes::FakeProcessRunner runner;
    auto from_env = pip_index_url(runner, {{"PIP_INDEX_URL", "https://mirror.test/simple"}});
    ASSERT_TRUE(from_env);
    EXPECT_EQ(*from_env, "https://mirror.test/simple");
    EXPECT_TRUE(runner.commands().empty());
    runner.set_handler([](const util::Command& c) {
        return util::Expected<util::ProcessResult>(
            fakes::process_result(0, c.argv.at(3) == "config" ? "https://configured.test/simple\n" : ""));
    });
    auto configured = pip_index_url(runner, {});
    ASSERT_TRUE(configured);
    EXPECT_EQ(*configured, "https://configured.test/simple");
}

}  // namespace
}  // namespace wb::fetch
