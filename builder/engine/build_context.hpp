#pragma once
// Everything a node build needs from outside, passed down explicitly (no global context): where the
// cache is, the project, the target platform, the toolchain and the side-effect seams.
#include <cstdint>
#include <filesystem>

#include "engine/cache_layout.hpp"
#include "fetch/debian_source.hpp"
#include "fetch/downloader.hpp"
#include "fetch/source_store.hpp"
#include "specs/platform.hpp"
#include "toolchain/toolchain.hpp"
#include "util/subprocess.hpp"

namespace wb::engine {

struct BuildServices {
    fetch::SourceStore& store;
    fetch::Downloader& downloader;
    fetch::DebianSourceFetcher& debian;
    util::ProcessRunner& runner;
};

struct BuildContext {
    CacheLayout layout;
    std::filesystem::path project_dir;  ///< absolute
    specs::Platform platform;
    toolchain::Toolchain toolchain;
    BuildServices services;
    int jobs_per_build = 2;      ///< parallelism inside one package's build (make -j)
    bool offline = false;
    int64_t source_date_epoch = 315532800;  ///< 1980-01-01, the earliest a zip can say
    std::filesystem::path build_python = "/usr/bin/python3.11";
};

}  // namespace wb::engine
