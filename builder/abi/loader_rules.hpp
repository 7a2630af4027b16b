#pragma once
// What Emscripten's dynamic loader (as shipped in Pyodide's pyodide.asm.mjs) does with particular
// names: which exports it keeps to itself, and which imports betray a build with the wrong flags.
#include <string_view>

namespace wb::abi {

/// The import modules the loader answers; any other fails at instantiation.
bool is_loader_import_module(std::string_view module);
/// GOT.mem / GOT.func: resolved by name against the runtime, the module and its libraries.
bool is_got_module(std::string_view module);

/// Exports the loader never offers to other modules (Emscripten's isInternalSym): memory,
/// __memory_base, __wasm_call_ctors, __em_js__*, ...
bool is_loader_internal(std::string_view name);

/// Helpers of JavaScript-based exceptions and setjmp: invoke_*, __cxa_find_matching_catch_*,
/// __resumeException, llvm_eh_typeid_for.
bool is_js_exception_helper(std::string_view name);
/// Helpers of JavaScript-based longjmp: emscripten_longjmp, saveSetjmp, testSetjmp, ...
bool is_js_longjmp_helper(std::string_view name);
/// Imports that mean "this module throws or catches C++ exceptions".
bool is_cxx_exception_entry(std::string_view name);

inline constexpr std::string_view k_cpp_exception_tag = "__cpp_exception";

}  // namespace wb::abi
