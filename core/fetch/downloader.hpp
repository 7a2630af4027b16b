#pragma once
// Downloading one URL to one file. The Downloader interface is the seam that tests replace with a
// fake; CurlDownloader (curl_downloader.hpp) is the real one for http, https and file URLs.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::fetch {

struct DownloadOptions {
    std::chrono::seconds connect_timeout{30};
    /// Stall detection: abort when slower than low_speed_limit bytes/s for low_speed_time.
    uint64_t low_speed_limit = 1024;
    std::chrono::seconds low_speed_time{60};
    /// Whole transfer, per attempt; 0 means no limit. A transfer that times out (this deadline or
    /// the low-speed limit) is not retried: the caller's next mirror is.
    std::chrono::seconds total_timeout{1800};
    /// Abort when the body is (or is announced to be) larger; 0 means no limit.
    uint64_t max_bytes = 2ull << 30;
    /// Extra attempts after a network error or an HTTP 5xx (never after a 4xx or a timeout).
    int retries = 3;
    /// Wait before the first retry; doubled for each further one.
    std::chrono::milliseconds retry_delay{1000};
    /// Request header lines ("Accept: application/vnd.pypi.simple.v1+json").
    std::vector<std::string> headers;
    /// Called as bytes arrive; total is 0 while unknown.
    std::function<void(uint64_t done, uint64_t total)> progress;
};

class Downloader {
public:
    virtual ~Downloader() = default;
    /// Writes the body of url to dest (replacing it). On failure dest is removed and the error
    /// names the URL and the reason: Network (HTTP status, transport), Integrity (size limit),
    /// Interrupted, Input (unsupported URL).
    virtual util::Expected<void> download(const std::string& url, const std::filesystem::path& dest,
                                          const DownloadOptions& options) = 0;
};

}  // namespace wb::fetch
