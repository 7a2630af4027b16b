#pragma once
// The dist/ directory a build leaves for people and for `index publish`: one folder per platform
// (dist/<platform>/) with the wheels of the built packages (and their -tests wheels) and
// packages.json (per package: imports, dependencies, type), each replaced atomically. Every wheel
// is checked against the sha256 its build recorded on the way out of the cache.
#include <filesystem>

#include "cli/session.hpp"
#include "engine/executor.hpp"

namespace wb::cli {

/// Returns the dist root (<project>/dist unless out_dir is given).
util::Expected<std::filesystem::path> collect_dist(Session& session, const graph::BuildGraph& graph,
                                                   const engine::RunSummary& summary, const std::string& out_dir);

}  // namespace wb::cli
