#pragma once
// A Downloader for tests: serves canned bodies or canned errors per URL and records every request,
// so tests can assert which URLs were (or were not) asked for.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fetch/downloader.hpp"

namespace wb::fakes {

class FakeDownloader final : public fetch::Downloader {
public:
    /// url answers with this body.
    void serve(const std::string& url, std::string body) { m_bodies[url] = std::move(body); }
    /// url answers with this error.
    void fail_with(const std::string& url, util::ErrorKind kind, std::string message) {
        m_errors[url] = util::Error{kind, std::move(message)};
    }
    /// Every URL asked for, in order.
    const std::vector<std::string>& requests() const { return m_requests; }
    /// The options of every request, in the same order.
    const std::vector<fetch::DownloadOptions>& options() const { return m_options; }

    util::Expected<void> download(const std::string& url, const std::filesystem::path& dest,
                                  const fetch::DownloadOptions& options) override {
        m_requests.push_back(url);
        m_options.push_back(options);
        std::error_code ec;
        if (auto e = m_errors.find(url); e != m_errors.end()) {
            std::filesystem::remove(dest, ec);
            return tl::unexpected(e->second);
        }
        auto body = m_bodies.find(url);
        if (body == m_bodies.end()) {
            std::filesystem::remove(dest, ec);
            return util::fail(util::ErrorKind::Network, fmt::format("download {}: HTTP status 404", url));
        }
        if (options.max_bytes != 0 && body->second.size() > options.max_bytes) {
            std::filesystem::remove(dest, ec);
            return util::fail(util::ErrorKind::Integrity,
                              fmt::format("download {}: the body exceeds the size limit of {} bytes", url, options.max_bytes));
        }
        std::ofstream out(dest, std::ios::binary | std::ios::trunc);
        out << body->second;
        if (options.progress) options.progress(body->second.size(), body->second.size());
        return {};
    }

private:
    std::map<std::string, std::string> m_bodies;
    std::map<std::string, util::Error> m_errors;
    std::vector<std::string> m_requests;
    std::vector<fetch::DownloadOptions> m_options;
};

}  // namespace wb::fakes
