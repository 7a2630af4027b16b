#pragma once
// Where a remote cache keeps its blobs, chosen by URL scheme (as ccache chooses its storage
// backends): file:// (a shared directory) or http(s):// (a WebDAV server taking PUT, e.g. nginx
// with dav_methods PUT). A backend moves opaque blobs under relative keys ("objects/ab/ab12…") and
// never overwrites one; what the blobs mean, and checking their hashes, is its user's business.
#include <filesystem>
#include <memory>
#include <string>

#include "storage/credentials.hpp"
#include "util/error.hpp"

namespace wb::storage {

enum class PutOutcome { Stored, Existed };

class RemoteStorage {
public:
    virtual ~RemoteStorage() = default;
    /// Copies the blob at key into dest (replacing it); false when there is none.
    virtual util::Expected<bool> get(const std::string& key, const std::filesystem::path& dest) = 0;
    /// Whether a blob exists at key.
    virtual util::Expected<bool> exists(const std::string& key) = 0;
    /// Stores file's bytes at key unless a blob is already there (write-once: never replaced).
    virtual util::Expected<PutOutcome> put_new(const std::string& key, const std::filesystem::path& file) = 0;
    /// The location for messages (never with credentials).
    virtual std::string describe() const = 0;
};

/// A key a backend accepts: relative, '/'-separated parts of [A-Za-z0-9._-], none empty, "." or "..".
bool is_valid_key(const std::string& key);

/// The backend for url (file://PATH, http://HOST[:PORT]/PATH, https://…). A URL carrying user
/// information or a query is refused: credentials come from the environment (credentials.hpp).
util::Expected<std::unique_ptr<RemoteStorage>> open_storage(const std::string& url, const Credentials& credentials);

}  // namespace wb::storage
