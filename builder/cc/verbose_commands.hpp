#pragma once
// Reads what `emcc -v` prints about the programs it runs (one line each: ` "/usr/bin/wasm-ld-14" -o
// out.so …`) and turns the commands of a probe link into a reusable side-link template.
#include <string>
#include <string_view>
#include <vector>

#include "cc/toolchain_config.hpp"
#include "util/error.hpp"

namespace wb::cc {

/// Every sub-command line in emcc's -v output, split into words (quotes removed).
std::vector<std::vector<std::string>> parse_verbose_commands(std::string_view output);

/// The probe link's commands with its output file replaced by k_output_placeholder and its one input
/// object by k_inputs_placeholder. Fails if either is not found as a whole word where expected, or if
/// the probe's scratch directory still appears afterwards (a path the template cannot reproduce).
util::Expected<SideLinkTemplate> make_side_link_template(const std::vector<std::vector<std::string>>& commands,
                                                         const std::string& input, const std::string& output,
                                                         const std::string& scratch_dir);

}  // namespace wb::cc
