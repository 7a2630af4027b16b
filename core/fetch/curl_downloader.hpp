#pragma once
// The libcurl Downloader: http, https and file URLs, timeouts, stall detection, a size cap,
// retries with exponential backoff, and prompt abort when the run is interrupted.
#include "fetch/downloader.hpp"

namespace wb::fetch {

class CurlDownloader final : public Downloader {
public:
    CurlDownloader();
    util::Expected<void> download(const std::string& url, const std::filesystem::path& dest,
                                  const DownloadOptions& options) override;
};

/// True for the URL schemes CurlDownloader accepts (http, https, file).
bool is_supported_url(std::string_view url);

}  // namespace wb::fetch
