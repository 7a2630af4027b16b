#pragma once
// The dist/ directory a build leaves for people and for `index publish`: the wheels of the built
// packages and packages.json (per package: imports, dependencies, type), replaced atomically.
#include <filesystem>

#include "engine/executor.hpp"
#include "cli/session.hpp"

namespace wb::cli {

util::Expected<std::filesystem::path> collect_dist(Session& session, const graph::BuildGraph& graph,
                                                   const engine::RunSummary& summary, const std::string& out_dir);

}  // namespace wb::cli
