#pragma once
// Toolchain roots through the remote cache, so that a fresh worker needs only the tool and the
// cache URL: a root missing from the store is fetched (the archive's hash checked) and imported (its
// identity re-derived from its packages, toolchain::RootStore::import_root); a root made here, or
// named by `toolchain publish`, is exported once per identity and published.
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "engine/remote_cache.hpp"
#include "toolchain/root_store.hpp"

namespace wb::cli {

/// The remote cache the global options name (nullptr without --cache / WASM_BUILD_REMOTE_CACHE).
/// `global` must be resolved (resolve_globals); tmp is a directory on the local cache's file system.
util::Expected<std::unique_ptr<engine::RemoteCache>> open_remote_cache(const GlobalOptions& global,
                                                                       const std::filesystem::path& tmp,
                                                                       engine::RemoteCache::Reporter report);

/// spec's root from the remote cache into roots, when the remote has it and it checks out.
std::optional<toolchain::RootInfo> root_from_remote(engine::RemoteCache& remote, toolchain::RootStore& roots,
                                                    const toolchain::ToolchainSpec& spec,
                                                    const std::filesystem::path& tmp);

/// Publishes a root unless the remote has its identity (exporting it first): true when it is there.
bool publish_root(engine::RemoteCache& remote, const toolchain::RootStore& roots, const toolchain::RootInfo& root,
                  const std::filesystem::path& tmp);

}  // namespace wb::cli
