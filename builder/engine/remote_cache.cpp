#include "engine/remote_cache.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "archive/tree_archive.hpp"
#include "engine/build_cache.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/scope_guard.hpp"
#include "util/try.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

RemoteCache::RemoteCache(std::unique_ptr<storage::RemoteStorage> storage, fs::path tmp, Reporter report)
    : m_storage(std::move(storage)), m_tmp(std::move(tmp)), m_report(std::move(report)) {}

RemoteStats RemoteCache::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void RemoteCache::count(const std::function<void(RemoteStats&)>& change) {
    std::lock_guard lock(m_mutex);
    change(m_stats);
}

void RemoteCache::degrade(const util::Error& error) {
    if (error.kind == util::ErrorKind::Interrupted) return;
    if (m_available.exchange(false)) {
        m_report(fmt::format("warning: remote cache {} is not usable ({}); going on with the local cache only",
                             m_storage->describe(), error.message));
    }
}

bool RemoteCache::fetch(const std::string& name, const std::string& key, const fs::path& final_dir) {
    if (!available()) return false;
    {
        std::lock_guard lock(m_mutex);
        if (m_refused.count(key)) return false;
    }
    auto got = try_fetch(name, key, final_dir);
    if (got) {
        std::lock_guard lock(m_mutex);
        if (*got) ++m_stats.fetched;
        else if (m_missed.insert(key).second) ++m_stats.missed;
        return *got;
    }
    if (got.error().kind == util::ErrorKind::Integrity) {
        count([&](RemoteStats& s) { ++s.refused; });
        {
            std::lock_guard lock(m_mutex);
            m_refused.insert(key);
        }
        m_report(fmt::format("warning: remote cache {}: refused {} {}: {}; building it instead", m_storage->describe(),
                             name, key.substr(0, 16), got.error().message));
    } else {
        degrade(got.error());
    }
    return false;
}

util::Expected<void> RemoteCache::get_object(const ObjectRef& ref, const fs::path& dest) {
    std::error_code ec;
    fs::create_directories(dest.parent_path(), ec);
    auto got = m_storage->get(object_storage_key(ref.sha256), dest);
    if (!got) return tl::unexpected(got.error());
    if (!*got) {
        return util::fail(util::ErrorKind::Integrity,
                          fmt::format("object {} named by the entry is missing", ref.sha256));
    }
    auto hash = util::sha256_file_hex(dest);
    if (!hash) return tl::unexpected(hash.error());
    uint64_t size = fs::file_size(dest, ec);
    count([&](RemoteStats& s) { s.bytes_down += size; });
    if (*hash != ref.sha256 || size != ref.size) {
        return util::fail(util::ErrorKind::Integrity, fmt::format("object {} has sha256 {} ({} bytes): its content "
                                                                  "does not match its name", ref.sha256, *hash, size));
    }
    return {};
}

util::Expected<bool> RemoteCache::try_fetch(const std::string& name, const std::string& key,
                                            const fs::path& final_dir) {
    auto work = util::make_temp_dir(m_tmp, "remote-get-");
    if (!work) return tl::unexpected(work.error());
    util::ScopeGuard drop_work([&] { util::remove_tree_quiet(*work); });
    auto got = m_storage->get(action_storage_key(key), *work / "entry.json");
    if (!got || !*got) return got;
    auto text = util::read_file(*work / "entry.json");
    if (!text) return tl::unexpected(text.error());
    count([&](RemoteStats& s) { s.bytes_down += text->size(); });
    auto entry = ActionEntry::parse(*text);
    if (!entry) return tl::unexpected(entry.error());
    if (entry->name != name || entry->key != key) {
        return util::fail(util::ErrorKind::Integrity, fmt::format("the entry for {} {} records {} {}", name, key,
                                                                  entry->name, entry->key));
    }
    auto record = BuildResult::from_json(entry->result);
    if (!record) return util::fail(util::ErrorKind::Integrity, record.error().message);
    if (record->name != name || record->key != key) {
        return util::fail(util::ErrorKind::Integrity, "the entry's build record names another build");
    }
    // Assemble beside the final directory, then rename it into place in one step.
    fs::path staging =
        final_dir.parent_path() / fmt::format(".fetch-{}-{}", key.substr(0, 16), work->filename().string());
    util::ScopeGuard drop_staging([&] { util::remove_tree_quiet(staging); });
    std::error_code ec;
    fs::create_directories(final_dir.parent_path(), ec);
    bool has_tree = false;
    for (const auto& ref : entry->objects) {
        if (ref.role != ObjectRef::Role::Tree) continue;
        if (auto g = get_object(ref, *work / "tree.tar.zst"); !g) return tl::unexpected(g.error());
        if (auto u = archive::unpack_tree(*work / "tree.tar.zst", staging); !u) {
            return util::fail(util::ErrorKind::Integrity, u.error().message);
        }
        has_tree = true;
    }
    if (!has_tree) fs::create_directories(staging, ec);
    for (const auto& ref : entry->objects) {
        if (ref.role != ObjectRef::Role::File) continue;
        if (auto g = get_object(ref, staging / ref.path); !g) return tl::unexpected(g.error());
    }
    record->dir = staging;
    if (auto v = verify_products(*record); !v) return util::fail(util::ErrorKind::Integrity, v.error().message);
    record->dir = final_dir;
    record->log = fs::exists(staging / "build.log", ec) ? final_dir / "build.log" : fs::path();
    record->outcome = Outcome::Built;
    WB_TRY(util::write_file_atomic(staging / "result.json", record->to_json().dump(2) + "\n"));
    if (::rename(staging.c_str(), final_dir.c_str()) != 0) {
        // Someone (a local build, another fetch) put it there first: theirs stands.
        if (errno == EEXIST || errno == ENOTEMPTY) return fs::exists(final_dir / "result.json", ec);
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot rename into place: {}", final_dir.string(),
                                                           std::strerror(errno)));
    }
    util::sync_directory(final_dir.parent_path());
    drop_staging.dismiss();
    return true;
}

}  // namespace wb::engine
