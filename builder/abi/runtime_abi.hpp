#pragma once
// What a Pyodide runtime provides to the side modules (.so) it loads, computed once per runtime
// from its npm package and cached as a small JSON.
//
// The provider set, as Emscripten's loader in pyodide.asm.mjs resolves a side module's imports
// (read in 314.0.8 and 315.0.0-alpha.2: loadWebAssemblyModule, resolveGlobalSymbol, GOTHandler,
// reportUndefinedSymbols): `env.*` and `wasi_snapshot_preview1.*` go through one proxy that
// answers from the JS object `wasmImports`, which holds
//   1. every key of the glue's `var wasmImports={...}` literal: JS library functions, syscalls,
//      WASI, EM_JS — exactly the main wasm's own imports plus more (1370 keys in 314.0.8);
//   2. every export of pyodide.asm.wasm not already defined by (1) (`mergeLibSymbols(wasmExports,
//      "main")`: functions, globals, the `__cpp_exception`/`__c_longjmp` tags, `memory`,
//      `__indirect_function_table`), plus its alias `main` for `__main_argc_argv`;
//   3. run-time aliases the glue assigns (`wasmImports["open64"]=wasmImports["open"]`, an EM_ASM
//      in Pyodide's startup);
//   4. `__memory_base` and `__table_base`, answered per module by the proxy itself (immutable).
// `GOT.mem.*` / `GOT.func.*` resolve against the same set after the module's own exports.
// Evidence: dumping `pyodide._module.LDSO.loadedLibsByName["__main__"].exports` (that object IS
// wasmImports) after loadPyodide() under Node 20 gives 9932 names for 314.0.8 (10141 for
// 315.0.0-alpha.2), equal to (1)+(2)+(3) computed here; the `.sig` of every JS function that the
// main wasm also imports matches that import's type (266 of 266). A function import missing from
// the set still loads (a stub) and fails at its first call; a global, tag or GOT import missing
// fails at load.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::abi {

using util::Expected;

/// Who provides a runtime function: the main wasm (instantiation checks its exact type) or the JS
/// glue (any type links; i64 arguments meet a BigInt/Number mismatch only when called).
enum class Provider : uint8_t { MainModule, JavaScript };

struct RuntimeFunction {
    std::optional<wasm::FuncType> signature;  ///< unknown for the few JS functions without a `.sig`
    Provider provider = Provider::MainModule;
    bool operator==(const RuntimeFunction&) const = default;
};

template <class T>
using NameMap = std::map<std::string, T, std::less<>>;

struct RuntimeAbi {
    std::string name;  ///< "pyodide 314.0.8"
    NameMap<RuntimeFunction> functions;
    NameMap<wasm::GlobalType> globals;  ///< includes the loader's __memory_base and __table_base
    NameMap<wasm::FuncType> tags;       ///< a tag's type: its payload as parameters
    NameMap<wasm::MemoryType> memories;
    NameMap<wasm::TableType> tables;
    /// The main module's target_features section; nullopt when it has none (stock Pyodide).
    std::optional<std::vector<wasm::TargetFeature>> target_features;

    /// From an unpacked npm package: package.json (version), pyodide.asm.wasm, pyodide.asm.mjs
    /// (or pyodide.asm.js).
    static Expected<RuntimeAbi> from_npm_package(const std::filesystem::path& dir);
    /// From the parsed main module and the text of its JS glue.
    static Expected<RuntimeAbi> from_main_module(const wasm::WasmModule& main, std::string_view js_glue,
                                                 std::string name);

    /// Compact JSON (functions grouped by signature code), stable across runs.
    std::string to_json() const;
    static Expected<RuntimeAbi> from_json(std::string_view text);

    /// The kind under which the runtime provides name, if it does.
    std::optional<wasm::ExternalKind> kind_of(std::string_view name) const;
    size_t symbol_count() const;
    bool memory64() const;
    bool operator==(const RuntimeAbi&) const = default;
};

}  // namespace wb::abi
