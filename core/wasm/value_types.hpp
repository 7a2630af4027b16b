#pragma once
// The small value types of the WebAssembly binary format that an import or export carries: value
// types, function signatures, limits, and the types of tables, memories and globals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::wasm {

enum class ValType : uint8_t {
    I32,
    I64,
    F32,
    F64,
    V128,
    FuncRef,
    ExternRef,
    ExnRef,
    OtherRef,  ///< any other reference type (GC proposal); compared as equal to itself only
};

/// What an import or export is (the binary format's external kind byte).
enum class ExternalKind : uint8_t { Function = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };

struct FuncType {
    std::vector<ValType> params;
    std::vector<ValType> results;
    bool operator==(const FuncType&) const = default;
};

/// Sizes of a memory (in pages) or table (in elements).
struct Limits {
    uint64_t min = 0;
    std::optional<uint64_t> max;
    bool operator==(const Limits&) const = default;
};

struct MemoryType {
    Limits limits;
    bool shared = false;    ///< threads proposal: built with -pthread
    bool memory64 = false;  ///< 64-bit addresses
    uint32_t page_size_log2 = 16;
    bool operator==(const MemoryType&) const = default;
};

struct TableType {
    ValType element = ValType::FuncRef;
    Limits limits;
    bool table64 = false;
    bool operator==(const TableType&) const = default;
};

struct GlobalType {
    ValType type = ValType::I32;
    bool mutable_ = false;
    bool operator==(const GlobalType&) const = default;
};

/// "i32", "funcref", ...
const char* to_string(ValType type);
/// "function", "table", "memory", "global", "tag".
const char* to_string(ExternalKind kind);
/// "(i32, i32) -> i32", "(f64) -> ()", "() -> (i32, i64)".
std::string to_string(const FuncType& type);
/// "i32", "mut i64".
std::string to_string(const GlobalType& type);
/// "min 1, max 65536, shared", "min 256, memory64".
std::string to_string(const MemoryType& type);
std::string to_string(const TableType& type);

}  // namespace wb::wasm
