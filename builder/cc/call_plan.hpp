#pragma once
// The result of rewriting one tool call: the command(s) to run instead, or an answer wasm-cc gives
// itself, plus notes for the WASM_CC_LOG. Planning is pure; launcher.hpp carries a plan out.
#include <string>
#include <vector>

#include "cc/toolchain_config.hpp"

namespace wb::cc {

struct Step {
    std::vector<std::string> argv;
    bool discard_stdout = false;
    /// Stdout is wasm-emscripten-finalize's metadata: checked as emcc checks it, and its features
    /// replace k_features_placeholder in the steps after it.
    bool reads_metadata = false;
    /// Not a command (argv is empty): wasm-cc reads this linked module as emcc does after its link,
    /// for the features that replace k_features_placeholder in the steps after it; a module with
    /// EM_ASM or EM_JS (which emcc checks with node) makes the call run the plan's fallback instead.
    std::string inspect_module;
};

struct CallPlan {
    std::string route;               ///< "clang", "emcc", "side-link", "tool", "answer"
    std::vector<Step> steps;         ///< run in order; the first failure ends the call
    std::vector<Step> fallback;      ///< run instead when an inspect step finds the module needs emcc
    std::string answer;              ///< printed on stdout when there are no steps
    std::vector<std::string> notes;  ///< what was dropped or rewritten, and why
    /// Environment for the steps: set when unset (NODE_PATH for emcc).
    std::vector<std::pair<std::string, std::string>> env_defaults;
};

/// Everything a call's rewriting depends on besides its own arguments.
struct RunSettings {
    ToolchainConfig config;
    std::vector<std::string> extra_cflags;         ///< WASM_CC_EXTRA_CFLAGS
    std::vector<std::string> extra_ldflags;        ///< WASM_CC_EXTRA_LDFLAGS
    std::vector<std::string> python_include_dirs;  ///< WASM_CC_PYTHON_INCLUDE, ':'-separated
};

}  // namespace wb::cc
