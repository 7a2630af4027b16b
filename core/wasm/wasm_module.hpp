#pragma once
// A WebAssembly module's interface, read from its binary: signatures, imports, exports, the
// tables/memories/globals/tags it defines, and the custom sections an Emscripten loader reads.
// Code and data are skipped. Hostile bytes give an error naming the section and byte offset.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "wasm/custom_sections.hpp"
#include "wasm/value_types.hpp"

namespace wb::wasm {

using util::Expected;

struct Import {
    std::string module;  ///< "env", "GOT.mem", "wasi_snapshot_preview1", ...
    std::string name;
    ExternalKind kind = ExternalKind::Function;
    uint32_t type_index = 0;  ///< functions and tags
    FuncType signature;       ///< functions and tags (a tag's parameters are its payload)
    TableType table;
    MemoryType memory;
    GlobalType global;
};

struct Export {
    std::string name;
    ExternalKind kind = ExternalKind::Function;
    uint32_t index = 0;  ///< in the kind's index space, imports first
    FuncType signature;  ///< functions and tags, resolved through the function/tag section
    TableType table;
    MemoryType memory;
    GlobalType global;
};

/// One section as it appears in the file.
struct SectionInfo {
    uint8_t id = 0;
    std::string name;   ///< custom sections only
    size_t offset = 0;  ///< of the section's id byte
    size_t size = 0;    ///< of its payload
};

struct WasmModule {
    std::vector<FuncType> types;
    std::vector<Import> imports;
    std::vector<uint32_t> function_types;  ///< type index of each defined function
    std::vector<TableType> tables;         ///< defined (not imported)
    std::vector<MemoryType> memories;      ///< defined
    std::vector<GlobalType> globals;       ///< defined
    std::vector<FuncType> tags;            ///< defined
    std::vector<Export> exports;
    std::optional<DylinkInfo> dylink;                          ///< the `dylink.0` section
    std::optional<std::vector<TargetFeature>> target_features; ///< the `target_features` section
    std::vector<SectionInfo> sections;                         ///< every section, in file order

    /// Reads a module; the first malformed byte is an Input error naming section and offset.
    static Expected<WasmModule> parse(std::span<const uint8_t> bytes);

    std::vector<std::string> custom_section_names() const;
    const Import* find_import(std::string_view module, std::string_view name) const;
    const Export* find_export(std::string_view name) const;
    /// Number of imports of one kind: the first index of that kind's defined entities.
    size_t imported_count(ExternalKind kind) const;
};

}  // namespace wb::wasm
