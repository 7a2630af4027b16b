#pragma once
// Reads what emcc prints about the programs it runs with -v or EMCC_VERBOSE=1 (one line each:
// ` "/usr/bin/wasm-ld-14" -o out.so …` in 3.1, ` /usr/bin/wasm-ld-21 -o out.so '--x=a b' …` since)
// and turns the commands of a probe link into a reusable side-link template.
#include <string>
#include <string_view>
#include <vector>

#include "cc/toolchain_config.hpp"
#include "util/error.hpp"

namespace wb::cc {

/// Splits a command line as a POSIX shell would, for the quoting emcc uses: Emscripten 3.1 wraps
/// words with spaces in double quotes (\" inside), later versions print `shlex.join` (single quotes,
/// a quote inside as '"'"').
std::vector<std::string> split_shell_words(std::string_view text);

/// Every sub-command line in emcc's -v output, split into words (quotes removed).
std::vector<std::vector<std::string>> parse_verbose_commands(std::string_view output);

/// The probe link's commands with its output file replaced by k_output_placeholder, its one input
/// object by k_inputs_placeholder and wasm-opt's feature flags by k_features_placeholder. Steps that
/// cannot change the output are left out: checks that name neither file (`clang --version`) and a
/// link that the next link overwrites. Fails if the input is not found exactly once or the output
/// not at all, or if the probe's scratch directory still appears (a path the template cannot
/// reproduce).
util::Expected<SideLinkTemplate> make_side_link_template(const std::vector<std::vector<std::string>>& commands,
                                                         const std::string& input, const std::string& output,
                                                         const std::string& scratch_dir);

}  // namespace wb::cc
