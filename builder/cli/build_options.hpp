#pragma once
// Command-line options shared by the commands that build (build, fetch, test, python).
#include <CLI/CLI.hpp>

#include "cli/session.hpp"

namespace wb::cli {

inline void add_build_options(CLI::App& cmd, BuildCommandOptions& options) {
    cmd.add_option("names", options.targets, "Recipes to build (default: all)");
    cmd.add_option("--platform", options.platforms, "Target platform (repeatable; default: every enabled one)")
        ->take_all();
    cmd.add_flag("--offline", options.offline, "Use only sources already in the store");
    cmd.add_option("--out", options.out_dir, "Where to collect wheels (default: <project>/dist)");
}

}  // namespace wb::cli
