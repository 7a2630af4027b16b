#pragma once
// The custom sections the ABI check reads: `dylink.0` (what an Emscripten side module needs from
// its loader: memory and table space, needed libraries, symbol flags) and `target_features`.
#include <cstdint>
#include <string>
#include <vector>

#include "wasm/byte_reader.hpp"

namespace wb::wasm {

/// Symbol flag bits of WASM_DYLINK_EXPORT_INFO / IMPORT_INFO (LLVM's WASM_SYMBOL_*).
inline constexpr uint32_t k_symbol_binding_mask = 0x3;
inline constexpr uint32_t k_symbol_binding_weak = 0x1;
inline constexpr uint32_t k_symbol_binding_local = 0x2;
inline constexpr uint32_t k_symbol_tls = 0x100;

struct DylinkSymbol {
    std::string module;  ///< empty for export info
    std::string name;
    uint32_t flags = 0;
    bool weak() const { return (flags & k_symbol_binding_mask) == k_symbol_binding_weak; }
    bool operator==(const DylinkSymbol&) const = default;
};

struct DylinkInfo {
    uint32_t memory_size = 0;        ///< bytes of static data the loader allocates
    uint32_t memory_align = 0;       ///< log2
    uint32_t table_size = 0;         ///< table slots the loader reserves
    uint32_t table_align = 0;        ///< log2
    std::vector<std::string> needed; ///< WASM_DYLINK_NEEDED: libraries loaded first ("libfoo.so")
    std::vector<DylinkSymbol> export_info;
    std::vector<DylinkSymbol> import_info;
    std::vector<std::string> runtime_paths;  ///< WASM_DYLINK_RUNTIME_PATH ("$ORIGIN/../lib")

    /// True when IMPORT_INFO marks module.name weak: it may stay unresolved.
    bool is_weak_import(std::string_view module, std::string_view name) const;
};

struct TargetFeature {
    char prefix = '+';  ///< '+' used, '-' disallowed, '=' required (older LLVM)
    std::string name;   ///< "bulk-memory", "exception-handling", ...
    bool operator==(const TargetFeature&) const = default;
};

/// Parses the payload of a `dylink.0` section (after its name).
DylinkInfo parse_dylink(ByteReader& reader);

/// Parses the payload of a `target_features` section (after its name).
std::vector<TargetFeature> parse_target_features(ByteReader& reader);

}  // namespace wb::wasm
