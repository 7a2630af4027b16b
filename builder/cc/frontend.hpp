#pragma once
// The wasm-cc program: dispatches on the name it was called by (cc, ar, …) or on `wasm-cc <tool>`,
// reads the probed configuration named by WASM_CC_CONFIG, and runs the rewritten command. Also the
// two set-up commands: `wasm-cc --probe CONFIG_FILE` and `wasm-cc --install-shims DIR`.
#include <optional>
#include <string>
#include <vector>

#include "cc/call_plan.hpp"
#include "util/error.hpp"

namespace wb::cc {

/// main() of wasm-cc; returns the exit code (or never returns when the real tool replaced it).
int wasm_cc_main(int argc, char** argv);

/// Reads the settings of one call from the environment: WASM_CC_CONFIG (required),
/// WASM_CC_EXTRA_CFLAGS, WASM_CC_EXTRA_LDFLAGS, WASM_CC_PYTHON_INCLUDE.
util::Expected<RunSettings> settings_from_environment();

}  // namespace wb::cc
