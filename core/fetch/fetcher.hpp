#pragma once
// Getting one recipe source: from the store when it is already there (no network), else from a
// list of mirror URLs or from Debian's source archive, checked against its sha256 and adopted into
// the store. Local paths are passed through untouched.
#include <filesystem>
#include <string>
#include <vector>

#include "fetch/debian_source.hpp"
#include "fetch/downloader.hpp"
#include "fetch/source_store.hpp"
#include "util/error.hpp"

namespace wb::fetch {

struct SourceRequest {
    enum class Kind { Url, Debian, Path } kind = Kind::Url;
    std::vector<std::string> urls;  ///< mirrors, tried in order
    std::string debian_package, debian_version, debian_file;
    std::string sha256;
    std::filesystem::path path;
    std::string origin;  ///< recipe file, for messages
};

/// Returns the local path of the source: a store file for Url and Debian kinds, the path itself
/// for Path. With offline set, a source missing from the store is a Network error.
util::Expected<std::filesystem::path> fetch_source(const SourceRequest& request, SourceStore& store,
                                                   Downloader& downloader, DebianSourceFetcher& debian,
                                                   bool offline, const DownloadOptions& options = {});

/// A one-line description of where a request comes from ("https://…", "Debian source x=1.0").
std::string describe_source(const SourceRequest& request);

}  // namespace wb::fetch
