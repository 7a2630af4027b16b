#pragma once
// The ABI check of one side module against a runtime: every import must be provided (by the
// runtime, the module itself, or a library it needs) with a compatible type, and the module must
// have been built with the runtime's exception, longjmp and threading flags.
#include <set>
#include <string>
#include <string_view>

#include "abi/check_report.hpp"
#include "abi/runtime_abi.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::abi {

/// Checks one module. provided_by_other_modules: names the module may also resolve against at run
/// time (exports of the libraries it needs, see check_wheel). member names the module in problems.
///
/// How each import resolves, as Emscripten's loader does it:
/// - env/wasi functions: from the runtime (a main-module function must match the type exactly,
///   else LinkError at load); else the module's own exports or its libraries, at first call;
///   unresolved ones load and fail at their first call; weak ones may stay unresolved.
/// - env globals, tags, memory, table: only from the runtime, with matching types, at load.
/// - GOT.mem/GOT.func: `mut i32` globals, resolved by name against runtime, module and libraries
///   after loading; unresolved non-weak ones fail the load ("undefined symbol").
/// Plus: a module importing __cxa_throw or __cxa_begin_catch must import the __cpp_exception tag
/// (else it was built without -fwasm-exceptions), and target features are compared when both
/// the runtime and the module record them.
CheckReport check_module(const wasm::WasmModule& module, const RuntimeAbi& abi,
                         const std::set<std::string>& provided_by_other_modules, std::string_view member = {});

}  // namespace wb::abi
