#pragma once
// The readers of the known sections, one function each; each reads a whole section's payload
// into the module (validating indices against what earlier sections defined).
#include "wasm/byte_reader.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::wasm {

enum SectionId : uint8_t {
    k_custom = 0,
    k_type = 1,
    k_import = 2,
    k_function = 3,
    k_table = 4,
    k_memory = 5,
    k_global = 6,
    k_export = 7,
    k_start = 8,
    k_element = 9,
    k_code = 10,
    k_data = 11,
    k_data_count = 12,
    k_tag = 13,
};

/// "type section", "custom section", ...; nullptr for an unknown id.
const char* section_name(uint8_t id);
/// Position of a known non-custom section in the required order (the tag section sits between
/// memory and global, data count between element and code); -1 for unknown ids.
int section_rank(uint8_t id);

void read_type_section(ByteReader& r, WasmModule& m);
void read_import_section(ByteReader& r, WasmModule& m);
void read_function_section(ByteReader& r, WasmModule& m);
void read_table_section(ByteReader& r, WasmModule& m);
void read_memory_section(ByteReader& r, WasmModule& m);
void read_global_section(ByteReader& r, WasmModule& m);
void read_tag_section(ByteReader& r, WasmModule& m);
void read_export_section(ByteReader& r, WasmModule& m);
/// Checks the code section's body count against the function section; the bodies are skipped.
void read_code_section(ByteReader& r, const WasmModule& m);

}  // namespace wb::wasm
