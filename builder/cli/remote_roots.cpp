#include "cli/remote_roots.hpp"

#include <chrono>

#include <fmt/format.h>

#include "storage/remote_storage.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

util::Expected<std::unique_ptr<engine::RemoteCache>> open_remote_cache(const GlobalOptions& global,
                                                                       const fs::path& tmp,
                                                                       engine::RemoteCache::Reporter report) {
    if (global.remote_cache.empty()) return std::unique_ptr<engine::RemoteCache>();
    auto credentials = storage::Credentials::from_environment(global.env);
    if (!credentials) return tl::unexpected(credentials.error());
    auto backend = storage::open_storage(global.remote_cache, *credentials);
    if (!backend) return tl::unexpected(backend.error());
    return std::make_unique<engine::RemoteCache>(std::move(*backend), tmp, std::move(report));
}

std::optional<toolchain::RootInfo> root_from_remote(engine::RemoteCache& remote, toolchain::RootStore& roots,
                                                    const toolchain::ToolchainSpec& spec, const fs::path& tmp) {
    if (!remote.has_root(spec.identity)) return std::nullopt;
    auto start = std::chrono::steady_clock::now();
    auto work = util::make_temp_dir(tmp, "root-");
    if (!work) return std::nullopt;
    util::ScopeGuard drop([&] { util::remove_tree_quiet(*work); });
    fmt::print(stderr, "Fetching toolchain root {} ({}) from the remote cache {}\n", spec.name, spec.short_id(),
               remote.describe());
    if (!remote.fetch_root(spec.identity, *work / "root.tar.zst")) return std::nullopt;
    auto root = roots.import_root(*work / "root.tar.zst");
    if (!root || root->identity != spec.identity) {
        fmt::print(stderr, "warning: the remote cache's toolchain root {} does not import: {}; making it here\n",
                   spec.short_id(), root ? "another identity" : root.error().message);
        return std::nullopt;
    }
    fmt::print(stderr, "Took toolchain root {} from the remote cache in {:.0f}s\n", spec.name, seconds_since(start));
    return *root;
}

bool publish_root(engine::RemoteCache& remote, const toolchain::RootStore& roots, const toolchain::RootInfo& root,
                  const fs::path& tmp) {
    if (remote.has_root(root.identity)) return true;
    if (!remote.available()) return false;
    auto start = std::chrono::steady_clock::now();
    auto work = util::make_temp_dir(tmp, "root-");
    if (!work) return false;
    util::ScopeGuard drop([&] { util::remove_tree_quiet(*work); });
    fs::path file = *work / "root.tar.zst";
    if (auto e = roots.export_root(root, file); !e) {
        fmt::print(stderr, "warning: cannot export toolchain root {} for the remote cache: {}\n", root.name,
                   e.error().message);
        return false;
    }
    std::error_code ec;
    double mb = fs::file_size(file, ec) / 1e6;
    if (!remote.publish_root(root.name, root.identity, file)) return false;
    fmt::print(stderr, "Published toolchain root {} ({}, {:.0f} MB) to the remote cache in {:.0f}s\n", root.name,
               root.identity.substr(0, 16), mb, seconds_since(start));
    return true;
}

}  // namespace wb::cli
