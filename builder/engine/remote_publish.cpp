// RemoteCache::publish: a finished local build becomes content-addressed objects (its wheels one
// by one, the rest of its directory as one tree archive) and then, last, its action entry.
#include <fmt/format.h>

#include "archive/tree_archive.hpp"
#include "engine/remote_cache.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/scope_guard.hpp"
#include "util/try.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

namespace {

/// Mirrors dir into dest (hard links where possible), leaving out the paths in skip (relative).
util::Expected<bool> link_tree_except(const fs::path& dir, const fs::path& dest, const std::vector<fs::path>& skip) {
    std::error_code ec;
    bool any = false;
    fs::create_directories(dest, ec);
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        fs::path rel = it->path().lexically_relative(dir);  // fs::relative would follow a symlink
        if (std::find(skip.begin(), skip.end(), rel) != skip.end()) continue;
        fs::path to = dest / rel;
        auto status = it->symlink_status();
        if (fs::is_symlink(status)) {
            fs::create_symlink(fs::read_symlink(it->path()), to, ec);
        } else if (fs::is_directory(status)) {
            fs::create_directories(to, ec);
        } else {
            fs::create_hard_link(it->path(), to, ec);
            if (ec) {
                ec.clear();
                WB_TRY(util::copy_file_new(it->path(), to));
            }
        }
        if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: {}", to.string(), ec.message()));
        any = true;
    }
    if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
    return any;
}

}  // namespace

void RemoteCache::publish(const BuildResult& result) {
    if (!available() || result.outcome != Outcome::Built) return;
    if (auto p = try_publish(result); !p) degrade(p.error());
}

util::Expected<void> RemoteCache::put_object(const fs::path& file, const std::string& sha256, uint64_t size) {
    auto put = m_storage->put_new(object_storage_key(sha256), file);
    if (!put) return tl::unexpected(put.error());
    if (*put == storage::PutOutcome::Stored) count([&](RemoteStats& s) { s.bytes_up += size; });
    return {};
}

util::Expected<void> RemoteCache::try_publish(const BuildResult& result) {
    auto there = m_storage->exists(action_storage_key(result.key));
    if (!there) return tl::unexpected(there.error());
    if (*there) {  // write-once: the first build of a key stands
        count([](RemoteStats& s) { ++s.already_there; });
        return {};
    }
    auto work = util::make_temp_dir(m_tmp, "remote-put-");
    if (!work) return tl::unexpected(work.error());
    util::ScopeGuard drop_work([&] { util::remove_tree_quiet(*work); });

    ActionEntry entry;
    entry.name = result.name;
    entry.key = result.key;
    std::vector<fs::path> skip{"result.json"};
    for (const auto& w : result.wheels) {
        entry.objects.push_back({ObjectRef::Role::File, w.path, w.sha256, w.size});
        skip.push_back(fs::path(w.path));
    }
    auto any = link_tree_except(result.dir, *work / "tree", skip);
    if (!any) return tl::unexpected(any.error());
    if (*any) {
        fs::path archive = *work / "tree.tar.zst";
        WB_TRY(archive::pack_tree(*work / "tree", archive));
        auto hash = util::sha256_file_hex(archive);
        if (!hash) return tl::unexpected(hash.error());
        std::error_code ec;
        uint64_t size = fs::file_size(archive, ec);
        WB_TRY(put_object(archive, *hash, size));
        entry.objects.push_back({ObjectRef::Role::Tree, "", *hash, size});
    }
    for (const auto& w : result.wheels) WB_TRY(put_object(result.dir / w.path, w.sha256, w.size));

    BuildResult record = result;
    record.dir.clear();  // machine paths mean nothing elsewhere
    record.log.clear();
    entry.result = record.to_json();
    std::string text = entry.to_text();
    WB_TRY(util::write_file_atomic(*work / "entry.json", text));
    auto put = m_storage->put_new(action_storage_key(result.key), *work / "entry.json");
    if (!put) return tl::unexpected(put.error());
    count([&](RemoteStats& s) {
        if (*put == storage::PutOutcome::Stored) {
            ++s.published;
            s.bytes_up += text.size();
        } else {
            ++s.already_there;
        }
    });
    return {};
}

}  // namespace wb::engine
