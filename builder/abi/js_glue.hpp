#pragma once
// What an Emscripten main module's JavaScript glue (pyodide.asm.mjs) provides to wasm: the keys of
// its `wasmImports` object (JS library functions, syscalls, WASI, EM_JS), their `.sig`
// annotations, and run-time aliases (`wasmImports["open64"]=wasmImports["open"]`).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace wb::abi {

struct JsGlue {
    /// wasmImports key -> the Emscripten `.sig` of the function bound to it, when annotated.
    std::map<std::string, std::optional<std::string>, std::less<>> functions;
    /// (alias, target) pairs assigned at run time, in source order.
    std::vector<std::pair<std::string, std::string>> aliases;
};

/// Reads the glue's text; an Input error when it has no `wasmImports` object literal.
util::Expected<JsGlue> parse_js_glue(std::string_view text);

}  // namespace wb::abi
