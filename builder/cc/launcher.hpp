#pragma once
// Carries out a CallPlan. A single command replaces the wasm-cc process (exec), so the real tool's
// stdout, stderr, exit status and signals reach the build system untouched and nothing waits in
// between; several commands (a side-module link) run one after another, stopping at the first failure.
#include <string>
#include <vector>

#include "cc/call_plan.hpp"

namespace wb::cc {

/// Runs the plan; returns the exit code, or does not return when a single command replaced us.
int run_plan(const CallPlan& plan);

/// Runs steps one after another in child processes, stopping at the first failure (its exit code is
/// returned). A step that reads_metadata has its output checked as emcc checks it, and its features
/// fill k_features_placeholder in the later steps; so do those of an inspect_module step, which
/// runs `fallback` instead of the remaining steps when the module needs emcc (or cannot be read).
int run_steps(const std::vector<Step>& steps, const std::vector<Step>& fallback = {});

/// The WASM_CC_LOG record of one call: the original command, the commands run instead, the notes.
std::string format_call_log(const std::vector<std::string>& original, const CallPlan& plan, const std::string& cwd);

/// Appends one record to the log file with a single write (O_APPEND), so parallel calls never
/// interleave; failures to log are reported on stderr but do not fail the call.
void append_call_log(const std::string& log_path, const std::string& record);

}  // namespace wb::cc
