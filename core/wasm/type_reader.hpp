#pragma once
// Readers for the binary format's type encodings shared by several sections: value types,
// limits, table/memory/global types, and constant expressions (skipped, not evaluated).
#include <cstdint>

#include "wasm/byte_reader.hpp"
#include "wasm/value_types.hpp"

namespace wb::wasm {

/// A value type whose first byte was already read (lets callers peek at table encodings).
ValType read_val_type(ByteReader& r, uint8_t first);
ValType read_val_type(ByteReader& r);
MemoryType read_memory_type(ByteReader& r);
/// A table type whose element type byte was already read.
TableType read_table_type(ByteReader& r, uint8_t first);
TableType read_table_type(ByteReader& r);
GlobalType read_global_type(ByteReader& r);
/// Skips a constant expression up to and including its `end` opcode.
void skip_const_expr(ByteReader& r);

}  // namespace wb::wasm
