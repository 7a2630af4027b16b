#include "fetch/fetcher.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::fetch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

std::string last_segment(const std::string& url) {
    std::string_view view = url;
    view = view.substr(0, view.find_first_of("?#"));
    size_t slash = view.rfind('/');
    return std::string(slash == std::string_view::npos ? view : view.substr(slash + 1));
}

Expected<fs::path> fetch_path(const SourceRequest& request) {
    std::error_code ec;
    if (request.path.empty() || !fs::exists(request.path, ec)) {
        return fail(ErrorKind::Input, fmt::format("{}: source path '{}' does not exist", request.origin,
                                                  request.path.string()));
    }
    return request.path;
}

/// Tries each mirror in turn; the error lists every mirror's failure.
Expected<fs::path> fetch_from_urls(const SourceRequest& request, const std::string& sha256, SourceStore& store,
                                   Downloader& downloader, const DownloadOptions& options) {
    if (request.urls.empty()) {
        return fail(ErrorKind::Input, fmt::format("{}: a url source needs at least one URL", request.origin));
    }
    std::vector<std::string> failures;
    bool all_integrity = true;
    for (const auto& url : request.urls) {
        auto temp = store.new_temp_file(last_segment(url));
        if (!temp) return tl::unexpected(temp.error());
        auto downloaded = downloader.download(url, *temp, options);
        if (downloaded) {
            auto adopted = store.adopt(*temp, sha256, url);
            if (adopted) return adopted;
            downloaded = tl::unexpected(adopted.error());
        } else {
            std::error_code ec;
            fs::remove(*temp, ec);
        }
        if (downloaded.error().kind == ErrorKind::Interrupted) return tl::unexpected(downloaded.error());
        all_integrity = all_integrity && downloaded.error().kind == ErrorKind::Integrity;
        failures.push_back(downloaded.error().message);
    }
    return fail(all_integrity ? ErrorKind::Integrity : ErrorKind::Network,
                fmt::format("{}: could not fetch the source with sha256 {} from {} URL(s):\n  {}", request.origin,
                            sha256, request.urls.size(), util::join(failures, "\n  ")));
}

}  // namespace

std::string describe_source(const SourceRequest& request) {
    switch (request.kind) {
        case SourceRequest::Kind::Url:
            return request.urls.empty() ? std::string("(no URL)") : util::join(request.urls, ", ");
        case SourceRequest::Kind::Debian:
            return fmt::format("Debian source {}={}{}", request.debian_package, request.debian_version,
                               request.debian_file.empty() ? "" : " file " + request.debian_file);
        case SourceRequest::Kind::Path:
            return request.path.string();
    }
    return {};
}

Expected<fs::path> fetch_source(const SourceRequest& request, SourceStore& store, Downloader& downloader,
                                DebianSourceFetcher& debian, bool offline, const DownloadOptions& options) {
    if (request.kind == SourceRequest::Kind::Path) return fetch_path(request);
    auto sha256 = normalize_sha256(request.sha256, request.origin);
    if (!sha256) return tl::unexpected(sha256.error());
    if (auto hit = store.lookup(*sha256)) return *hit;
    if (offline) {
        return fail(ErrorKind::Network,
                    fmt::format("{}: source with sha256 {} is not in the source store {} and downloads are off "
                                "(offline); it comes from {}",
                                request.origin, *sha256, store.root().string(), describe_source(request)));
    }
    if (request.kind == SourceRequest::Kind::Debian) {
        DebianSource source{request.debian_package, request.debian_version, request.debian_file};
        return debian.fetch(source, *sha256, request.origin, store);
    }
    return fetch_from_urls(request, *sha256, store, downloader, options);
}

}  // namespace wb::fetch
