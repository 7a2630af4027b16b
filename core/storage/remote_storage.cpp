#include "storage/remote_storage.hpp"

#include <fmt/format.h>

#include "storage/file_storage.hpp"
#include "storage/http_storage.hpp"
#include "util/strings.hpp"

namespace wb::storage {
namespace fs = std::filesystem;

bool is_valid_key(const std::string& key) {
    if (key.empty() || key.front() == '/' || key.back() == '/') return false;
    size_t start = 0;
    while (start <= key.size()) {
        size_t end = key.find('/', start);
        if (end == std::string::npos) end = key.size();
        std::string_view part(key.data() + start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        for (char c : part) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
            if (!ok) return false;
        }
        start = end + 1;
    }
    return true;
}

namespace {

/// The host part of "host[:port]" or "[v6]:port".
std::string host_of(std::string_view authority) {
    if (authority.starts_with("[")) return std::string(authority.substr(0, authority.find(']') + 1));
    return std::string(authority.substr(0, authority.find(':')));
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace

util::Expected<std::unique_ptr<RemoteStorage>> open_storage(const std::string& url, const Credentials& credentials) {
    auto bad = [&](const std::string& why) {
        return util::fail(util::ErrorKind::Usage, fmt::format("remote cache URL '{}': {}", url, why));
    };
    size_t colon = url.find("://");
    if (colon == std::string::npos) return bad("expected file://PATH, http://HOST/PATH or https://HOST/PATH");
    std::string scheme = util::to_lower(url.substr(0, colon));
    std::string rest = url.substr(colon + 3);
    if (rest.find_first_of("?#") != std::string::npos) return bad("a query or fragment has no meaning here");
    if (scheme == "file") {
        if (rest.empty() || rest.front() != '/') return bad("a file:// URL needs an absolute path (file:///srv/cache)");
        while (rest.size() > 1 && rest.back() == '/') rest.pop_back();
        return std::unique_ptr<RemoteStorage>(new FileStorage(fs::path(rest).lexically_normal()));
    }
    if (scheme != "http" && scheme != "https") return bad("unsupported scheme (file, http or https)");
    std::string authority = rest.substr(0, rest.find('/'));
    if (authority.find('@') != std::string::npos) {
        return bad("user information in a URL ends up in logs and process lists; give a token through "
                   "WASM_BUILD_REMOTE_CACHE_TOKEN(_FILE) instead");
    }
    if (authority.empty()) return bad("no host");
    if (scheme == "http" && !credentials.token.empty() && !is_loopback(host_of(authority))) {
        return bad("a token would travel in clear text over http:// to another machine; use https://");
    }
    while (!rest.empty() && rest.back() == '/') rest.pop_back();
    return std::unique_ptr<RemoteStorage>(new HttpStorage(scheme + "://" + rest, credentials));
}

}  // namespace wb::storage
