// CurlDownloader against real file:// URLs and a small HTTP server (python3, 127.0.0.1 only, a free
// port chosen by the kernel, exiting by itself after two minutes).
#include "fetch/curl_downloader.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace wb::fetch {
namespace {
namespace fs = std::filesystem;
using util::ErrorKind;
using Clock = std::chrono::steady_clock;

const char* const k_server_script = R"PY(
import http.server, os, sys, threading, time
counts = {}
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def reply(self, code, body):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        with lock:
            counts[self.path] = counts.get(self.path, 0) + 1
            seen = counts[self.path]
        if self.path.startswith("/count/"):
            self.reply(200, str(counts.get(self.path[6:], 0)).encode())
        elif self.path == "/ok":
            self.reply(200, b"hello from the server")
        elif self.path == "/500":
            self.reply(500, b"broken")
        elif self.path == "/flaky":
            self.reply(503, b"busy") if seen <= 2 else self.reply(200, b"finally")
        elif self.path == "/announce-big":
            self.send_response(200)
            self.send_header("Content-Length", "100000000")
            self.end_headers()
            self.wfile.write(b"x" * 1000)
            self.wfile.flush()
            time.sleep(5)
        elif self.path == "/unannounced-big":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for _ in range(200):
                self.wfile.write(b"y" * 1024)
        elif self.path == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.write(b"z" * 100)
            self.wfile.flush()
            time.sleep(8)
        elif self.path == "/drip":  # fast enough for any low-speed limit, never finished
            self.send_response(200)
            self.send_header("Content-Length", "100000000")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"d" * 4096)
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.reply(404, b"not here")

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(120, lambda: os._exit(0)).start()
server.serve_forever()
)PY";

/// The test HTTP server, started once for the suite.
class HttpServer {
public:
    bool start(const fs::path& script) {
        int fds[2];
        if (::pipe(fds) != 0) return false;
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(fds[1], 1);
            std::freopen("/dev/null", "w", stderr);
            ::close(fds[0]);
            ::execlp("python3", "python3", script.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(fds[1]);
        std::FILE* out = ::fdopen(fds[0], "r");
        char line[32] = {0};
        bool ok = out && std::fgets(line, sizeof line, out) != nullptr;
        if (out) std::fclose(out);
        m_port = ok ? std::atoi(line) : 0;
        return m_port > 0;
    }
    void stop() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

private:
    pid_t m_pid = -1;
    int m_port = 0;
};

class CurlDownloaderTest : public test::TempDirTest {
protected:
    static void SetUpTestSuite() {
        s_script = util::temp_root(util::current_environment()) / ("wb-http-server-" + std::to_string(::getpid()) + ".py");
        std::ofstream(s_script) << k_server_script;
        s_server_ok = s_server.start(s_script);
    }
    static void TearDownTestSuite() {
        s_server.stop();
        fs::remove(s_script);
    }
    void require_server() { ASSERT_TRUE(s_server_ok) << "could not start the python3 test server"; }
    std::string url(const std::string& path) { return s_server.url(path); }
    int hits(const std::string& path) {
        auto count_file = dir() / "count";
        EXPECT_TRUE(downloader.download(url("/count" + path), count_file, {}));
        return std::stoi(read(count_file));
    }
    static DownloadOptions fast_retries(int retries) {
        DownloadOptions options;
        options.retries = retries;
        options.retry_delay = std::chrono::milliseconds(10);
        return options;
    }

    CurlDownloader downloader;
    static inline HttpServer s_server;
    static inline bool s_server_ok = false;
    static inline fs::path s_script;
};

TEST_F(CurlDownloaderTest, FileUrlCopiesTheBodyAndReportsProgress) {
    write(dir() / "src.bin", std::string(70000, 'q'));
    uint64_t last_done = 0;
    DownloadOptions options;
    options.progress = [&](uint64_t done, uint64_t) { last_done = done; };
    auto result = downloader.download("file://" + (dir() / "src.bin").string(), dir() / "out.bin", options);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(read(dir() / "out.bin"), std::string(70000, 'q'));
    EXPECT_EQ(last_done, 70000u);
}

TEST_F(CurlDownloaderTest, MissingFileFailsAtOnceNamingTheUrl) {
    DownloadOptions options;
    options.retry_delay = std::chrono::seconds(3);
    std::string missing = "file://" + (dir() / "nope.tar.gz").string();
    auto start = Clock::now();
    auto result = downloader.download(missing, dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(2)) << "a missing file is not worth a retry";
    EXPECT_EQ(result.error().kind, ErrorKind::Network);
    EXPECT_NE(result.error().message.find(missing), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "out"));
}

TEST_F(CurlDownloaderTest, FileLargerThanMaxBytesIsRefused) {
    write(dir() / "big.bin", std::string(10000, 'b'));
    DownloadOptions options;
    options.max_bytes = 1000;
    std::string source = "file://" + (dir() / "big.bin").string();
    auto result = downloader.download(source, dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Integrity);
    EXPECT_NE(result.error().message.find(source), std::string::npos);
    EXPECT_NE(result.error().message.find("limit of 1000 bytes"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "out"));
}

TEST_F(CurlDownloaderTest, UnsupportedSchemeIsAnInputError) {
    auto result = downloader.download("ftp://127.0.0.1/x", dir() / "out", {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Input);
    EXPECT_NE(result.error().message.find("ftp://127.0.0.1/x"), std::string::npos);
}

TEST_F(CurlDownloaderTest, HttpSuccess) {
    require_server();
    auto result = downloader.download(url("/ok"), dir() / "out", {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(read(dir() / "out"), "hello from the server");
}

TEST_F(CurlDownloaderTest, Http404IsNotRetried) {
    require_server();
    auto result = downloader.download(url("/missing-404"), dir() / "out", fast_retries(3));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Network);
    EXPECT_NE(result.error().message.find(url("/missing-404")), std::string::npos);
    EXPECT_NE(result.error().message.find("HTTP status 404"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "out"));
    EXPECT_EQ(hits("/missing-404"), 1);
}

TEST_F(CurlDownloaderTest, Http500IsRetriedThenReported) {
    require_server();
    auto result = downloader.download(url("/500"), dir() / "out", fast_retries(2));
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("HTTP status 500"), std::string::npos);
    EXPECT_NE(result.error().message.find("after 3 attempts"), std::string::npos);
    EXPECT_EQ(hits("/500"), 3);
}

TEST_F(CurlDownloaderTest, TransientFailuresAreRetriedWithBackoff) {
    require_server();
    DownloadOptions options = fast_retries(3);
    options.retry_delay = std::chrono::milliseconds(100);
    auto start = Clock::now();
    auto result = downloader.download(url("/flaky"), dir() / "out", options);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(read(dir() / "out"), "finally");
    EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(300)) << "waits 100 ms, then 200 ms";
}

TEST_F(CurlDownloaderTest, AnnouncedSizeOverTheLimitAbortsEarly) {
    require_server();
    DownloadOptions options;
    options.max_bytes = 10000;
    auto start = Clock::now();
    auto result = downloader.download(url("/announce-big"), dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));
    EXPECT_EQ(result.error().kind, ErrorKind::Integrity);
    EXPECT_NE(result.error().message.find("100000000"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "out"));
}

TEST_F(CurlDownloaderTest, UnannouncedBodyOverTheLimitIsCutOff) {
    require_server();
    DownloadOptions options;
    options.max_bytes = 10000;
    auto result = downloader.download(url("/unannounced-big"), dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Integrity);
    EXPECT_NE(result.error().message.find("exceeds the size limit of 10000 bytes"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir() / "out"));
}

TEST_F(CurlDownloaderTest, StalledTransferTimesOut) {
    require_server();
    DownloadOptions options;
    options.retries = 0;
    options.low_speed_limit = 1000;
    options.low_speed_time = std::chrono::seconds(1);
    auto start = Clock::now();
    auto result = downloader.download(url("/stall"), dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(result.error().kind, ErrorKind::Network);
    EXPECT_NE(result.error().message.find(url("/stall")), std::string::npos);
}

TEST_F(CurlDownloaderTest, ADripFeedIsAbandonedAtTheTotalDeadlineAndNotRetried) {
    require_server();
    DownloadOptions options;
    options.low_speed_limit = 1024;  // the drip is faster: only the deadline stops it
    options.total_timeout = std::chrono::seconds(2);
    options.retry_delay = std::chrono::milliseconds(10);
    auto start = Clock::now();
    auto result = downloader.download(url("/drip"), dir() / "out", options);
    ASSERT_FALSE(result);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(4)) << "retried after the deadline";
    EXPECT_EQ(result.error().kind, ErrorKind::Network);
    EXPECT_NE(result.error().message.find(url("/drip")), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("timed out"), std::string::npos) << result.error().message;
    EXPECT_FALSE(fs::exists(dir() / "out"));
}

// The interrupt flag is process-wide and cannot be cleared, so these run in a forked child.
TEST_F(CurlDownloaderTest, InterruptAbortsATransferInProgress) {
    require_server();
    auto child = [this] {
        std::thread([] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            util::interrupt_all_children();
        }).detach();
        auto start = Clock::now();
        auto result = downloader.download(url("/stall"), dir() / "out", {});
        bool quick = Clock::now() - start < std::chrono::seconds(3);
        bool ok = !result && result.error().kind == ErrorKind::Interrupted && quick && !fs::exists(dir() / "out");
        std::_Exit(ok ? 0 : 1);
    };
    EXPECT_EXIT(child(), ::testing::ExitedWithCode(0), "");
}

TEST_F(CurlDownloaderTest, NothingStartsAfterAnInterrupt) {
    auto child = [this] {
        write(dir() / "src", "data");
        util::interrupt_all_children();
        auto result = downloader.download("file://" + (dir() / "src").string(), dir() / "out", {});
        std::_Exit(!result && result.error().kind == ErrorKind::Interrupted ? 0 : 1);
    };
    EXPECT_EXIT(child(), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace wb::fetch
