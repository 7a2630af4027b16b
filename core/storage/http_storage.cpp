#include "storage/http_storage.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <curl/curl.h>
#include <fmt/format.h>

#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace wb::storage {
namespace fs = std::filesystem;

namespace {

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

enum class Method { Get, Head, Put };

/// One request: its file (the body received for GET, sent for PUT).
struct Request {
    Method method = Method::Get;
    std::string url;
    std::FILE* file = nullptr;
    curl_off_t upload_size = 0;
};

struct Response {
    long status = 0;
    bool write_failed = false;
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
    auto* file = static_cast<std::FILE*>(user);
    if (!file) return size * count;  // error bodies of HEAD/PUT are not kept
    return std::fwrite(data, 1, size * count, file);
}

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) { return util::interrupted() ? 1 : 0; }

util::Expected<Response> perform(const Request& request, const Credentials& credentials) {
    CurlHandle curl(curl_easy_init());
    if (!curl) return util::fail(util::ErrorKind::Internal, "curl_easy_init failed");
    CURL* c = curl.get();
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "wasm-build");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, request.method == Method::Get ? request.file : nullptr);
    Slist headers;
    std::string authorization;
    if (!credentials.token.empty()) {
        authorization = "Authorization: Bearer " + credentials.token;
        headers.reset(curl_slist_append(headers.release(), authorization.c_str()));
    }
    if (request.method == Method::Put) {
        headers.reset(curl_slist_append(headers.release(), "If-None-Match: *"));
        headers.reset(curl_slist_append(headers.release(), "Content-Type: application/octet-stream"));
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READDATA, request.file);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, request.upload_size);
    } else if (request.method == Method::Head) {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    }
    if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    if (!credentials.client_cert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, credentials.client_cert.c_str());
    if (!credentials.client_key.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, credentials.client_key.c_str());
    if (!credentials.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, credentials.ca_file.c_str());
    CURLcode code = curl_easy_perform(c);
    // The token lived in this function's strings only; wipe the copy before it is freed.
    std::fill(authorization.begin(), authorization.end(), '\0');
    if (util::interrupted()) {
        return util::fail(util::ErrorKind::Interrupted, fmt::format("{}: interrupted", request.url));
    }
    if (code != CURLE_OK) {
        std::string reason = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
        return util::fail(util::ErrorKind::Network, fmt::format("{}: {}", request.url, util::trim(reason)));
    }
    Response response;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

tl::unexpected<util::Error> status_error(const char* method, const std::string& url, long status) {
    std::string hint = status == 401 || status == 403 ? " (check the cache credentials)" : "";
    return util::fail(util::ErrorKind::Network, fmt::format("{} {}: HTTP status {}{}", method, url, status, hint));
}

}  // namespace

HttpStorage::HttpStorage(std::string base, Credentials credentials)
    : m_base(std::move(base)), m_credentials(std::move(credentials)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

util::Expected<bool> HttpStorage::exists(const std::string& key) {
    if (!is_valid_key(key)) return util::fail(util::ErrorKind::Internal, fmt::format("invalid storage key '{}'", key));
    auto r = perform({Method::Head, url_of(key)}, m_credentials);
    if (!r) return tl::unexpected(r.error());
    if (r->status == 200) return true;
    if (r->status == 404) return false;
    return status_error("HEAD", url_of(key), r->status);
}

util::Expected<bool> HttpStorage::get(const std::string& key, const fs::path& dest) {
    if (!is_valid_key(key)) return util::fail(util::ErrorKind::Internal, fmt::format("invalid storage key '{}'", key));
    FileHandle out(std::fopen(dest.c_str(), "wb"));
    if (!out) {
        return util::fail(util::ErrorKind::Io,
                          fmt::format("{}: cannot write: {}", dest.string(), std::strerror(errno)));
    }
    auto r = perform({Method::Get, url_of(key), out.get()}, m_credentials);
    bool flushed = std::fflush(out.get()) == 0;
    out.reset();
    std::error_code ec;
    if (!r || r->status != 200 || !flushed) fs::remove(dest, ec);
    if (!r) return tl::unexpected(r.error());
    if (r->status == 404) return false;
    if (r->status != 200) return status_error("GET", url_of(key), r->status);
    if (!flushed) return util::fail(util::ErrorKind::Io, fmt::format("{}: write failed", dest.string()));
    return true;
}

util::Expected<PutOutcome> HttpStorage::put_new(const std::string& key, const fs::path& file) {
    auto there = exists(key);
    if (!there) return tl::unexpected(there.error());
    if (*there) return PutOutcome::Existed;
    FileHandle in(std::fopen(file.c_str(), "rb"));
    if (!in) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
    }
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: {}", file.string(), ec.message()));
    auto r = perform({Method::Put, url_of(key), in.get(), static_cast<curl_off_t>(size)}, m_credentials);
    if (!r) return tl::unexpected(r.error());
    if (r->status == 201 || r->status == 204 || r->status == 200) return PutOutcome::Stored;
    if (r->status == 409 || r->status == 412) return PutOutcome::Existed;  // stored by someone else meanwhile
    return status_error("PUT", url_of(key), r->status);
}

}  // namespace wb::storage
