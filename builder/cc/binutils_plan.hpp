#pragma once
// ar, ranlib, nm, strip, objcopy… go straight to the LLVM tools emcc itself uses (emar and emranlib
// are Python wrappers around them, so calling the tools directly saves the interpreter's start-up).
// `ld` goes to wasm-ld with the ELF-only options filtered out.
#include <string>
#include <vector>

#include "cc/call_plan.hpp"
#include "cc/tool.hpp"
#include "util/error.hpp"

namespace wb::cc {

/// Fails when the configuration has no path for the tool.
util::Expected<CallPlan> plan_binutils_call(Tool tool, const std::vector<std::string>& args,
                                            const ToolchainConfig& config);

}  // namespace wb::cc
