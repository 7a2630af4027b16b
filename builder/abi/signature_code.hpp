#pragma once
// Short text forms of function signatures: our compact code for the cached RuntimeAbi JSON
// ("ii>i": params, '>', results) and Emscripten's JS-library `.sig` strings ("vppip": result first).
#include <optional>
#include <string>
#include <string_view>

#include "wasm/value_types.hpp"

namespace wb::abi {

/// "dd>d" for (f64, f64) -> f64, ">" for () -> (). Letters: i j f d (numbers), V v128,
/// F funcref, e externref, x exnref, r any other reference.
std::string signature_code(const wasm::FuncType& type);
std::optional<wasm::FuncType> parse_signature_code(std::string_view code);

/// An Emscripten `.sig` string: result ('v' for none) then parameters; 'p' is a pointer, i32 on
/// wasm32 and i64 with memory64; 'e' an externref (Pyodide's JS values). nullopt for letters
/// it does not know.
std::optional<wasm::FuncType> parse_emscripten_sig(std::string_view sig, bool memory64);

}  // namespace wb::abi
