#pragma once
// The one place that answers "is this node built?": finished builds live in the cache under
// builds/<name>/<key>/, and a build counts only when its result.json exists, parses, names the
// same key, and every product it lists is inside its directory with the recorded sha256. A record
// that fails any check is a miss, reported, never a source of files. With a remote cache, a key
// missing here is looked up there and fetched into this cache (verified on the way), and finished
// local builds are published to it.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/build_result.hpp"
#include "engine/cache_layout.hpp"
#include "engine/remote_cache.hpp"
#include "util/error.hpp"

namespace wb::engine {

class BuildCache {
public:
    /// remote: optional, owned by the caller, outliving this cache.
    explicit BuildCache(CacheLayout layout, RemoteCache* remote = nullptr)
        : m_layout(std::move(layout)), m_remote(remote) {}

    /// The verified finished build with this key (from the remote cache when it is not here yet);
    /// a damaged record is a miss and `problem` says why.
    std::optional<BuildResult> lookup(const std::string& name, const std::string& key,
                                      std::string* problem = nullptr) const;
    /// Quick check without hashing products (planning); lookup() decides before anything is used.
    bool has(const std::string& name, const std::string& key) const;
    /// The most recent finished build of name for a variant (for weights and "what changed").
    std::optional<BuildResult> latest(const std::string& name, const std::string& variant) const;
    /// Offers a build finished here to the remote cache (nothing without one; never fails).
    void publish(const BuildResult& result) const;
    const CacheLayout& layout() const { return m_layout; }
    RemoteCache* remote() const { return m_remote; }

private:
    CacheLayout m_layout;
    RemoteCache* m_remote = nullptr;
};

/// Checks every product of a record: a relative path that stays in the directory, and its sha256.
util::Expected<void> verify_products(const BuildResult& result);

}  // namespace wb::engine
