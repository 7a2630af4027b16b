// RemoteCache for what is not a build: toolchain roots, so that a fresh worker takes its root from the
// cache instead of making it (debootstrap and ~100 packages) — an exported root (archive::pack_tree
// of the store's directory, `toolchain export`) is one object, roots/<identity>.json names it with
// its hash and size — and the logs of failed Slurm jobs.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/remote_cache.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/scope_guard.hpp"
#include "util/try.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_root_format = "wasm-build-root-1";

std::string root_key(const std::string& identity) { return "roots/" + identity + ".json"; }

}  // namespace

bool RemoteCache::has_root(const std::string& identity) {
    if (!available() || !util::is_sha256_hex(identity)) return false;
    auto there = m_storage->exists(root_key(identity));
    if (!there) degrade(there.error());
    return there && *there;
}

bool RemoteCache::fetch_root(const std::string& identity, const fs::path& file) {
    if (!available()) return false;
    auto got = try_fetch_root(identity, file);
    if (got) return *got;
    if (got.error().kind == util::ErrorKind::Integrity) {
        m_report(fmt::format("warning: remote cache {}: refused toolchain root {}: {}", m_storage->describe(),
                             identity.substr(0, 16), got.error().message));
    } else {
        degrade(got.error());
    }
    return false;
}

util::Expected<bool> RemoteCache::try_fetch_root(const std::string& identity, const fs::path& file) {
    if (!util::is_sha256_hex(identity)) {
        return util::fail(util::ErrorKind::Internal, fmt::format("'{}' is not a root identity", identity));
    }
    auto work = util::make_temp_dir(m_tmp, "remote-root-");
    if (!work) return tl::unexpected(work.error());
    util::ScopeGuard drop_work([&] { util::remove_tree_quiet(*work); });
    auto got = m_storage->get(root_key(identity), *work / "entry.json");
    if (!got || !*got) return got;
    auto text = util::read_file(*work / "entry.json");
    if (!text) return tl::unexpected(text.error());
    auto j = nlohmann::json::parse(*text, nullptr, false);
    ObjectRef ref{ObjectRef::Role::Tree, "", "", 0};
    try {
        if (j.is_discarded() || j.at("format") != k_root_format || j.at("identity") != identity) {
            return util::fail(util::ErrorKind::Integrity, "the entry is not a root entry for this identity");
        }
        ref.sha256 = j.at("sha256").get<std::string>();
        ref.size = j.at("size").get<uint64_t>();
    } catch (const nlohmann::json::exception& e) {
        return util::fail(util::ErrorKind::Integrity, fmt::format("malformed root entry: {}", e.what()));
    }
    if (!util::is_sha256_hex(ref.sha256)) return util::fail(util::ErrorKind::Integrity, "malformed root entry hash");
    WB_TRY(get_object(ref, file));
    return true;
}

bool RemoteCache::publish_root(const std::string& name, const std::string& identity, const fs::path& file) {
    if (!available()) return false;
    if (auto p = try_publish_root(name, identity, file); !p) {
        degrade(p.error());
        return false;
    }
    return true;
}

util::Expected<void> RemoteCache::try_publish_root(const std::string& name, const std::string& identity,
                                                   const fs::path& file) {
    if (!util::is_sha256_hex(identity)) {
        return util::fail(util::ErrorKind::Internal, fmt::format("'{}' is not a root identity", identity));
    }
    auto hash = util::sha256_file_hex(file);
    if (!hash) return tl::unexpected(hash.error());
    std::error_code ec;
    uint64_t size = fs::file_size(file, ec);
    WB_TRY(put_object(file, *hash, size));
    nlohmann::json entry = {{"format", k_root_format}, {"name", name}, {"identity", identity}, {"sha256", *hash},
                            {"size", size}};
    auto work = util::make_temp_dir(m_tmp, "remote-root-");
    if (!work) return tl::unexpected(work.error());
    util::ScopeGuard drop_work([&] { util::remove_tree_quiet(*work); });
    WB_TRY(util::write_file_atomic(*work / "entry.json", entry.dump(2) + "\n"));
    auto put = m_storage->put_new(root_key(identity), *work / "entry.json");
    if (!put) return tl::unexpected(put.error());
    return {};
}

namespace {

std::string log_key(const std::string& key, const std::string& job_id) { return "logs/" + key + "/" + job_id + ".log"; }

}  // namespace

void RemoteCache::publish_log(const std::string& key, const std::string& job_id, const fs::path& log) {
    if (!available() || !util::is_sha256_hex(key) || !storage::is_valid_key(log_key(key, job_id))) return;
    if (auto put = m_storage->put_new(log_key(key, job_id), log); !put) degrade(put.error());
}

bool RemoteCache::fetch_log(const std::string& key, const std::string& job_id, const fs::path& dest) {
    if (!available() || !util::is_sha256_hex(key) || !storage::is_valid_key(log_key(key, job_id))) return false;
    auto got = m_storage->get(log_key(key, job_id), dest);
    if (!got) degrade(got.error());
    return got && *got;
}

}  // namespace wb::engine
