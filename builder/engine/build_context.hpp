#pragma once
// Everything a node build needs from outside, made once by the CLI and passed down explicitly (no
// global context): where the cache is, the project, the ready toolchain roots, the stock runtimes
// and the side-effect seams.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "engine/build_key.hpp"
#include "engine/cache_layout.hpp"
#include "fetch/debian_source.hpp"
#include "fetch/downloader.hpp"
#include "fetch/pypi_index.hpp"
#include "fetch/source_store.hpp"
#include "platform/platform.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::engine {

struct BuildServices {
    fetch::SourceStore& store;
    fetch::Downloader& downloader;
    fetch::DebianSourceFetcher& debian;
    fetch::PypiIndex& pypi;
    util::ProcessRunner& runner;  ///< runs bwrap (and patch, outside the sandbox)
};

/// A toolchain root ready for builds, with the compiler front end set up for it.
struct ReadyToolchain {
    std::string identity;
    std::filesystem::path root;          ///< seen read-only as / by every step
    std::filesystem::path wasm_cc;       ///< the front end's binary (host path)
    std::filesystem::path frontend_dir;  ///< its probe (wasm-cc.conf) and shims/ for this root
};

/// Gives the unpacked npm package of a platform's stock runtime (fetched on first use).
using RuntimeProvider = std::function<util::Expected<std::filesystem::path>(const platform::RuntimePackage&)>;

struct BuildContext {
    CacheLayout layout;
    std::filesystem::path project_dir;        ///< absolute
    std::map<std::string, ReadyToolchain> toolchains;  ///< by toolchain name
    BuildServices services;
    RuntimeProvider runtimes;
    std::filesystem::path tools_dir;          ///< the build helper scripts (mounted read-only)
    int jobs_per_build = 2;                   ///< parallelism inside one package's build (make -j)
    bool offline = false;
    int64_t source_date_epoch = k_default_source_date_epoch;

    const ReadyToolchain& toolchain_for(const platform::Platform& p) const { return toolchains.at(p.toolchain); }
};

}  // namespace wb::engine
