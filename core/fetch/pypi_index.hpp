#pragma once
// Files of releases on the Python package index that pip uses on this machine, found through its
// PEP 691 JSON API: the index's address comes from pip's own configuration (never from us), the
// file's URL and sha256 from the project's page; the caller downloads and checks the bytes.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "fetch/downloader.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::fetch {

/// One file as the index lists it.
struct IndexFile {
    std::string filename;
    std::string url;              ///< absolute, without a fragment
    std::string sha256;           ///< from the index's "hashes"; may be empty
    std::string requires_python;  ///< the file's Requires-Python as the index gives it; may be empty
    bool yanked = false;
};

/// Every file of a PEP 691 project page (JSON text); page_url resolves relative URLs.
util::Expected<std::vector<IndexFile>> parse_project_page(const std::string& json_text, const std::string& page_url);

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

    /// Every file the index lists for a project.
    util::Expected<std::vector<IndexFile>> project_files(const std::string& project);

private:
    /// The project's page: its text and its URL.
    util::Expected<std::pair<std::string, std::string>> project_page(const std::string& project);

    Downloader& m_downloader;
    UrlResolver m_index_url;
    std::filesystem::path m_tmp;
};

/// The simple index pip uses: PIP_INDEX_URL, else pip's configured global.index-url, else pip's
/// built-in default (asked of the machine's pip, so no address is written down anywhere).
util::Expected<std::string> pip_index_url(util::ProcessRunner& runner, const util::Environment& env);

}  // namespace wb::fetch
