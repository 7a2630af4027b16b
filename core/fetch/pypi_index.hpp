#pragma once
// Files of releases on the Python package index that pip uses on this machine, found through its
// PEP 691 JSON API: the index's address comes from pip's own configuration (never from us), the
// file's URL and sha256 from the project's page; the caller downloads and checks the bytes.
#include <filesystem>
#include <functional>
#include <string>

#include "fetch/downloader.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::fetch {

/// One file as the index lists it.
struct IndexFile {
    std::string url;     ///< absolute
    std::string sha256;  ///< from the index's "hashes"
};

/// Picks `filename` from a PEP 691 project page (JSON text); page_url resolves relative URLs.
util::Expected<IndexFile> find_index_file(const std::string& json_text, const std::string& page_url,
                                          const std::string& filename);

class PypiIndex {
public:
    using UrlResolver = std::function<util::Expected<std::string>()>;
    PypiIndex(Downloader& downloader, UrlResolver index_url, std::filesystem::path tmp_dir)
        : m_downloader(downloader), m_index_url(std::move(index_url)), m_tmp(std::move(tmp_dir)) {}

    /// The URL of a release file, after checking that the index lists it with expected_sha256.
    util::Expected<std::string> file_url(const std::string& project, const std::string& filename,
                                         const std::string& expected_sha256);

private:
    Downloader& m_downloader;
    UrlResolver m_index_url;
    std::filesystem::path m_tmp;
};

/// The simple index pip uses: PIP_INDEX_URL, else pip's configured global.index-url, else pip's
/// built-in default (asked of the machine's pip, so no address is written down anywhere).
util::Expected<std::string> pip_index_url(util::ProcessRunner& runner, const util::Environment& env);

}  // namespace wb::fetch
