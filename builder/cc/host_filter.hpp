#pragma once
// Turns a host-minded compiler or linker command line into one fit for wasm32-emscripten: drops the
// host's include/library directories and x86-only flags, rewrites the host Python's include directory
// to the target Python's, and filters linker options wasm-ld refuses. Pure: argv in, argv out.
#include <string>
#include <vector>

#include "cc/driver_args.hpp"
#include "cc/host_paths.hpp"

namespace wb::cc {

struct HostFilterOptions {
    HostPaths host_paths;
    /// The target Python's include directories; a host Python include is rewritten to these, or
    /// dropped when there are none.
    std::vector<std::string> python_include_dirs;
    /// Keep -pthread (only when the runtime has threads).
    bool threads = false;
};

struct FilteredArgs {
    std::vector<DriverArg> args;
    std::vector<std::string> notes;  ///< one line per dropped or rewritten argument
};

FilteredArgs filter_host_args(const std::vector<DriverArg>& args, const HostFilterOptions& options);

/// True for a flag the wasm32 target cannot take (-march=…, -msse4.2, -fcf-protection, -specs=…);
/// -pthread counts only when threads are off.
bool is_unsupported_target_flag(const std::string& flag, bool threads);

}  // namespace wb::cc
