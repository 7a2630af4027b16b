#include "fetch/curl_downloader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <curl/curl.h>
#include <fmt/format.h>

#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace wb::fetch {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

/// State shared with libcurl's callbacks during one attempt.
struct Transfer {
    std::FILE* out = nullptr;
    const DownloadOptions* options = nullptr;
    uint64_t received = 0;
    uint64_t announced = 0;
    bool too_large = false;
    bool interrupted = false;
    int write_errno = 0;
    struct curl_slist* headers = nullptr;  ///< request headers, alive for the whole transfer
    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() { curl_slist_free_all(headers); }
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    uint64_t limit = t->options->max_bytes;
    if (limit != 0 && t->received + n > limit) {
        t->too_large = true;
        return 0;
    }
    if (std::fwrite(data, 1, n, t->out) != n) {
        t->write_errno = errno;
        return 0;
    }
    t->received += n;
    return n;
}

/// Remembers the announced Content-Length of the final response (redirects reset it).
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (line.starts_with("HTTP/")) t->announced = 0;
    constexpr std::string_view k_length = "content-length:";
    if (line.size() > k_length.size() && util::to_lower(line.substr(0, k_length.size())) == k_length) {
        std::string value(util::trim(line.substr(k_length.size())));
        char* end = nullptr;
        unsigned long long length = std::strtoull(value.c_str(), &end, 10);
        if (end != value.c_str()) t->announced = length;
    }
    return n;
}

int on_progress(void* user, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (util::interrupted()) {
        t->interrupted = true;
        return 1;
    }
    uint64_t limit = t->options->max_bytes;
    if (total > 0) t->announced = static_cast<uint64_t>(total);
    if (limit != 0 && t->announced > limit) {
        t->too_large = true;
        return 1;
    }
    if (t->options->progress) t->options->progress(static_cast<uint64_t>(done), static_cast<uint64_t>(total));
    return 0;
}

/// One failed attempt: the error, and whether trying again could help.
struct AttemptFailure {
    Error error;
    bool retryable = false;
};

bool retryable_code(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_HTTP3:
        case CURLE_QUIC_CONNECT_ERROR:
            return true;
        default:
            return false;
    }
}

void configure(CURL* curl, const std::string& url, const DownloadOptions& options, Transfer& transfer,
               char* error_buffer) {
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "wasm-build");
    for (const auto& header : options.headers) transfer.headers = curl_slist_append(transfer.headers, header.c_str());
    if (transfer.headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, transfer.headers);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_limit));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options.total_timeout.count()));
    if (options.max_bytes != 0) {
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
}

/// Turns a finished transfer's result into an error, or nothing when it succeeded.
std::optional<AttemptFailure> classify(CURL* curl, CURLcode code, const std::string& url, const Transfer& t,
                                       const DownloadOptions& options, const char* error_buffer) {
    if (code == CURLE_OK && !t.too_large && !t.interrupted) return std::nullopt;
    if (t.interrupted || util::interrupted()) {
        return AttemptFailure{{ErrorKind::Interrupted, fmt::format("download {}: interrupted", url)}, false};
    }
    if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        uint64_t announced = t.announced;
        std::string reason =
            announced > options.max_bytes
                ? fmt::format("the server announces {} bytes, more than the size limit of {} bytes", announced,
                              options.max_bytes)
                : fmt::format("the body exceeds the size limit of {} bytes", options.max_bytes);
        return AttemptFailure{{ErrorKind::Integrity, fmt::format("download {}: {}", url, reason)}, false};
    }
    if (code == CURLE_HTTP_RETURNED_ERROR) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return AttemptFailure{{ErrorKind::Network, fmt::format("download {}: HTTP status {}", url, status)},
                              status >= 500};
    }
    if (code == CURLE_WRITE_ERROR && t.write_errno != 0) {
        return AttemptFailure{{ErrorKind::Io, fmt::format("download {}: cannot write: {}", url,
                                                          std::strerror(t.write_errno))},
                              false};
    }
    std::string reason = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return AttemptFailure{{ErrorKind::Network, fmt::format("download {}: {}", url, util::trim(reason))},
                          retryable_code(code)};
}

std::optional<AttemptFailure> attempt(const std::string& url, const fs::path& dest, const DownloadOptions& options) {
    FileHandle out(std::fopen(dest.c_str(), "wb"));
    if (!out) {
        return AttemptFailure{{ErrorKind::Io, fmt::format("download {}: cannot write {}: {}", url, dest.string(),
                                                          std::strerror(errno))},
                              false};
    }
    CurlHandle curl(curl_easy_init());
    if (!curl) return AttemptFailure{{ErrorKind::Internal, fmt::format("download {}: curl_easy_init failed", url)}, false};
    Transfer transfer;
    transfer.out = out.get();
    transfer.options = &options;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    configure(curl.get(), url, options, transfer, error_buffer);
    CURLcode code = curl_easy_perform(curl.get());
    auto failure = classify(curl.get(), code, url, transfer, options, error_buffer);
    if (failure) return failure;
    if (std::fflush(out.get()) != 0 || std::ferror(out.get())) {
        return AttemptFailure{{ErrorKind::Io, fmt::format("download {}: cannot write {}", url, dest.string())}, false};
    }
    return std::nullopt;
}

/// Sleeps for delay, waking early (and returning false) when the run is interrupted.
bool sleep_unless_interrupted(std::chrono::milliseconds delay) {
    auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until) {
        if (util::interrupted()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return !util::interrupted();
}

}  // namespace

bool is_supported_url(std::string_view url) {
    std::string lower = util::to_lower(url.substr(0, 8));
    return lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("file://");
}

CurlDownloader::CurlDownloader() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Expected<void> CurlDownloader::download(const std::string& url, const fs::path& dest, const DownloadOptions& options) {
    if (!is_supported_url(url)) {
        return fail(ErrorKind::Input, fmt::format("download {}: unsupported URL (expected http://, https:// or file://)", url));
    }
    std::error_code ec;
    auto delay = options.retry_delay;
    for (int attempt_no = 0;; ++attempt_no) {
        if (util::interrupted()) return fail(ErrorKind::Interrupted, fmt::format("download {}: interrupted", url));
        auto failure = attempt(url, dest, options);
        if (!failure) return {};
        fs::remove(dest, ec);
        if (!failure->retryable || attempt_no >= options.retries) {
            if (attempt_no > 0) failure->error.message += fmt::format(" (after {} attempts)", attempt_no + 1);
            return tl::unexpected(failure->error);
        }
        if (!sleep_unless_interrupted(delay)) {
            return fail(ErrorKind::Interrupted, fmt::format("download {}: interrupted", url));
        }
        delay *= 2;
    }
}

}  // namespace wb::fetch
