#pragma once
// A side-module link without emcc. `wasm-cc --probe` recorded the commands emcc runs for a side
// module with the platform's ABI flags (wasm-ld, llvm-objcopy, wasm-opt; wasm-emscripten-finalize in
// Emscripten 3.1) and checked that replaying them gives emcc's bytes. Here a call is replayed only
// when every argument is one whose handling by emcc is known; anything else goes to emcc, so the fast
// path is never the wrong path.
#include <string>
#include <vector>

#include "cc/call_plan.hpp"
#include "cc/driver_args.hpp"
#include "cc/file_system_view.hpp"
#include "cc/invocation.hpp"

namespace wb::cc {

struct SideLinkDecision {
    std::vector<Step> steps;      ///< empty when emcc must link
    std::string fallback_reason;  ///< why emcc must link
};

/// args: the host-filtered link arguments (user's and extra flags).
SideLinkDecision plan_direct_side_link(const std::vector<DriverArg>& args, const Invocation& invocation,
                                       const ToolchainConfig& config, const FileSystemView& fs);

/// The probed commands with `inputs` and `output` put in place of the placeholders; without a
/// wasm-emscripten-finalize step, an inspect_module step follows the link, as emcc reads the module
/// there.
std::vector<Step> expand_side_link_template(const SideLinkTemplate& tmpl, const std::vector<std::string>& inputs,
                                            const std::string& output);

/// "O2", "O0+g": the key of the template for an optimisation level and debug info.
std::string side_link_variant(char opt_level, bool debug);

}  // namespace wb::cc
