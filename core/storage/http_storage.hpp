#pragma once
// A remote cache on a WebDAV server (http:// or https://): GET and HEAD to read, PUT to write
// (nginx: dav_methods PUT; create_full_put_path on). Write-once: a key that answers HEAD is not
// sent again, and a server refusing to replace a key (409/412, see ENVIRONMENT.md's nginx rule)
// means someone else stored it first. Credentials go into headers or the TLS handshake only.
#include "storage/remote_storage.hpp"

namespace wb::storage {

class HttpStorage final : public RemoteStorage {
public:
    /// base: "http://host:port/path" without a trailing slash.
    HttpStorage(std::string base, Credentials credentials);
    util::Expected<bool> get(const std::string& key, const std::filesystem::path& dest) override;
    util::Expected<bool> exists(const std::string& key) override;
    util::Expected<PutOutcome> put_new(const std::string& key, const std::filesystem::path& file) override;
    std::string describe() const override { return m_base; }

private:
    std::string url_of(const std::string& key) const { return m_base + "/" + key; }
    std::string m_base;
    Credentials m_credentials;
};

}  // namespace wb::storage
