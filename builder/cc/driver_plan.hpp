#pragma once
// Plans a compiler-driver call (cc, c++, cpp) for wasm32-emscripten: compile-only calls go straight
// to the clang emcc would run, with emcc's flags, -fPIC and hidden visibility; side-module links are
// replayed without emcc when the probe allows it; everything else goes to emcc with filtered flags.
#include <string>
#include <vector>

#include "cc/call_plan.hpp"
#include "cc/file_system_view.hpp"
#include "cc/tool.hpp"

namespace wb::cc {

/// tool: Cc, Cxx or Cpp; args: the call's arguments without argv[0].
CallPlan plan_driver_call(Tool tool, const std::vector<std::string>& args, const RunSettings& settings,
                          const FileSystemView& fs);

/// Flags every compile gets on top of the toolchain's: -fPIC (side modules are position-independent)
/// and, unless the call chose a visibility, -fvisibility=hidden (all side modules share one namespace).
std::vector<std::string> compile_default_flags(bool has_visibility);

/// GNU cpp's command line (`cpp [options] [in [out]]`) as a `cc -E` one.
std::vector<std::string> cpp_to_driver_args(const std::vector<std::string>& args);

}  // namespace wb::cc
