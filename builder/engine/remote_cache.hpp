#pragma once
// The remote half of the build cache (--cache URL, WASM_BUILD_REMOTE_CACHE): finished builds shared
// between machines as content-addressed objects plus one action entry per key (action_entry.hpp).
// Fetching re-hashes every object and refuses a mismatch (a miss, reported); publishing uploads the
// objects, then the entry, and never replaces an entry. A remote that fails (unreachable, refused
// credentials, a full disk) is switched off for the rest of the run with one warning: the build
// goes on local-only. Safe to call from several threads.
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "engine/action_entry.hpp"
#include "engine/build_result.hpp"
#include "storage/remote_storage.hpp"

namespace wb::engine {

struct RemoteStats {
    /// Keys: a key looked up twice (by the executor, then under the build lock) counts once.
    int fetched = 0, missed = 0, refused = 0, published = 0, already_there = 0;
    uint64_t bytes_down = 0, bytes_up = 0;
};

class RemoteCache {
public:
    using Reporter = std::function<void(const std::string&)>;
    /// tmp: a directory on the local cache's file system for downloads and archives.
    RemoteCache(std::unique_ptr<storage::RemoteStorage> storage, std::filesystem::path tmp, Reporter report);

    /// Fetches the finished build of name/key into final_dir (which must not exist): true when it is
    /// there now. A miss, an unreachable remote and a refused object are false (the last two reported).
    bool fetch(const std::string& name, const std::string& key, const std::filesystem::path& final_dir);
    /// Uploads a finished local build (result.dir) unless its entry exists. Never fails the build.
    void publish(const BuildResult& result);

    /// Toolchain roots (an exported root, `toolchain export`'s tar.zst) by identity, in
    /// roots/<identity>.json + one object. Fetching checks the archive's hash; the importer checks
    /// the identity against the root's packages.
    bool has_root(const std::string& identity);
    bool fetch_root(const std::string& identity, const std::filesystem::path& file);
    /// Publishes an exported root unless one of this identity is there (true: it is there now).
    bool publish_root(const std::string& name, const std::string& identity, const std::filesystem::path& file);

    /// The log of a failed attempt at key by one Slurm job (logs/<key>/<job>.log), for a submitter
    /// that shares no file system with the worker. Text for people: not verified, never used to build.
    void publish_log(const std::string& key, const std::string& job_id, const std::filesystem::path& log);
    bool fetch_log(const std::string& key, const std::string& job_id, const std::filesystem::path& dest);

    bool available() const { return m_available.load(); }
    RemoteStats stats() const;
    std::string describe() const { return m_storage->describe(); }

private:
    util::Expected<bool> try_fetch(const std::string& name, const std::string& key,
                                   const std::filesystem::path& final_dir);
    util::Expected<void> get_object(const ObjectRef& ref, const std::filesystem::path& dest);
    util::Expected<void> try_publish(const BuildResult& result);
    util::Expected<void> put_object(const std::filesystem::path& file, const std::string& sha256, uint64_t size);
    util::Expected<bool> try_fetch_root(const std::string& identity, const std::filesystem::path& file);
    util::Expected<void> try_publish_root(const std::string& name, const std::string& identity,
                                          const std::filesystem::path& file);
    void degrade(const util::Error& error);
    void count(const std::function<void(RemoteStats&)>& change);

    std::unique_ptr<storage::RemoteStorage> m_storage;
    std::filesystem::path m_tmp;
    Reporter m_report;
    std::atomic<bool> m_available{true};
    mutable std::mutex m_mutex;
    RemoteStats m_stats;
    std::set<std::string> m_refused;  ///< keys whose entry or objects were refused: not fetched again this run
    std::set<std::string> m_missed;   ///< keys asked for and not there (counted once)
};

}  // namespace wb::engine
