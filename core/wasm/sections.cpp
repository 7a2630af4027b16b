#include "wasm/sections.hpp"

#include <array>

#include <fmt/format.h>

#include "wasm/type_reader.hpp"

namespace wb::wasm {
namespace {

uint32_t read_type_index(ByteReader& r, const WasmModule& m, std::string_view what) {
    size_t at = r.offset();
    uint32_t index = r.u32(what);
    if (r.ok() && index >= m.types.size()) {
        r.fail_at(at, fmt::format("{} {} out of range ({} types)", what, index, m.types.size()));
        return 0;
    }
    return index;
}

std::vector<ValType> read_val_types(ByteReader& r, std::string_view what) {
    std::vector<ValType> out;
    uint32_t n = r.count(what);
    for (uint32_t i = 0; i < n && r.ok(); ++i) out.push_back(read_val_type(r));
    return out;
}

/// A tag's type: attribute 0 (exception) and a function type index.
FuncType read_tag_type(ByteReader& r, const WasmModule& m, uint32_t* type_index) {
    size_t at = r.offset();
    uint8_t attribute = r.u8("tag attribute");
    if (r.ok() && attribute != 0) r.fail_at(at, fmt::format("unknown tag attribute {}", attribute));
    uint32_t index = read_type_index(r, m, "tag type index");
    if (type_index) *type_index = index;
    return r.ok() ? m.types[index] : FuncType{};
}

/// The imports of each kind, in index order.
using ImportsByKind = std::array<std::vector<const Import*>, 5>;

ImportsByKind imports_by_kind(const WasmModule& m) {
    ImportsByKind out;
    for (const auto& i : m.imports) out[static_cast<size_t>(i.kind)].push_back(&i);
    return out;
}

/// Fills an export's type from the entity it names; false when the index is out of range.
bool resolve_export(const WasmModule& m, const ImportsByKind& by_kind, Export& e) {
    const auto& imported = by_kind[static_cast<size_t>(e.kind)];
    auto pick = [&](const auto& defined, auto field, auto& target) {
        if (e.index < imported.size()) {
            target = (*imported[e.index]).*field;
            return true;
        }
        size_t i = e.index - imported.size();
        if (i >= defined.size()) return false;
        target = defined[i];
        return true;
    };
    switch (e.kind) {
        case ExternalKind::Function: {
            if (e.index < imported.size()) {
                e.signature = imported[e.index]->signature;
                return true;
            }
            size_t i = e.index - imported.size();
            if (i >= m.function_types.size()) return false;
            e.signature = m.types[m.function_types[i]];
            return true;
        }
        case ExternalKind::Table: return pick(m.tables, &Import::table, e.table);
        case ExternalKind::Memory: return pick(m.memories, &Import::memory, e.memory);
        case ExternalKind::Global: return pick(m.globals, &Import::global, e.global);
        case ExternalKind::Tag: return pick(m.tags, &Import::signature, e.signature);
    }
    return false;
}

}  // namespace

const char* section_name(uint8_t id) {
    static constexpr const char* k_names[] = {
        "custom section", "type section",  "import section", "function section", "table section",
        "memory section", "global section", "export section", "start section",    "element section",
        "code section",   "data section",   "data count section", "tag section"};
    return id < std::size(k_names) ? k_names[id] : nullptr;
}

int section_rank(uint8_t id) {
    static constexpr int k_rank[] = {-1, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
    return id < std::size(k_rank) ? k_rank[id] : -1;
}

void read_type_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("type count", 3);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        size_t at = r.offset();
        uint8_t form = r.u8("type form");
        if (r.ok() && form != 0x60) {
            r.fail_at(at, fmt::format("unsupported type form 0x{:02x} (only function types are read)", form));
            break;
        }
        FuncType t;
        t.params = read_val_types(r, "parameter count");
        t.results = read_val_types(r, "result count");
        m.types.push_back(std::move(t));
    }
}

void read_import_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("import count", 4);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        Import im;
        im.module = r.name("import module name");
        im.name = r.name("import field name");
        size_t at = r.offset();
        uint8_t kind = r.u8("import kind");
        switch (kind) {
            case 0:
                im.kind = ExternalKind::Function;
                im.type_index = read_type_index(r, m, "function type index");
                if (r.ok()) im.signature = m.types[im.type_index];
                break;
            case 1: im.kind = ExternalKind::Table, im.table = read_table_type(r); break;
            case 2: im.kind = ExternalKind::Memory, im.memory = read_memory_type(r); break;
            case 3: im.kind = ExternalKind::Global, im.global = read_global_type(r); break;
            case 4: im.kind = ExternalKind::Tag, im.signature = read_tag_type(r, m, &im.type_index); break;
            default:
                if (r.ok()) r.fail_at(at, fmt::format("unknown import kind {} for {}.{}", kind, im.module, im.name));
        }
        m.imports.push_back(std::move(im));
    }
}

void read_function_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("function count");
    m.function_types.reserve(n);
    for (uint32_t i = 0; i < n && r.ok(); ++i) m.function_types.push_back(read_type_index(r, m, "function type index"));
}

void read_table_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("table count", 2);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        uint8_t first = r.u8("table type");
        if (first != 0x40) {
            m.tables.push_back(read_table_type(r, first));
            continue;
        }
        // A table with an initializer expression: 0x40 0x00 tabletype expr.
        size_t at = r.offset();
        if (r.u8("table encoding") != 0 && r.ok()) r.fail_at(at, "invalid table encoding");
        m.tables.push_back(read_table_type(r));
        skip_const_expr(r);
    }
}

void read_memory_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("memory count", 2);
    for (uint32_t i = 0; i < n && r.ok(); ++i) m.memories.push_back(read_memory_type(r));
}

void read_global_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("global count", 3);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        m.globals.push_back(read_global_type(r));
        skip_const_expr(r);
    }
}

void read_tag_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("tag count", 2);
    for (uint32_t i = 0; i < n && r.ok(); ++i) m.tags.push_back(read_tag_type(r, m, nullptr));
}

void read_export_section(ByteReader& r, WasmModule& m) {
    uint32_t n = r.count("export count", 3);
    ImportsByKind by_kind = imports_by_kind(m);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        Export e;
        e.name = r.name("export name");
        size_t at = r.offset();
        uint8_t kind = r.u8("export kind");
        e.index = r.u32("export index");
        if (!r.ok()) break;
        if (kind > 4) {
            r.fail_at(at, fmt::format("unknown export kind {} for '{}'", kind, e.name));
            break;
        }
        e.kind = static_cast<ExternalKind>(kind);
        if (!resolve_export(m, by_kind, e)) {
            r.fail_at(at, fmt::format("export '{}' names {} {}, which does not exist", e.name, to_string(e.kind),
                                      e.index));
            break;
        }
        m.exports.push_back(std::move(e));
    }
}

void read_code_section(ByteReader& r, const WasmModule& m) {
    size_t at = r.offset();
    uint32_t n = r.count("function body count");
    if (r.ok() && n != m.function_types.size()) {
        r.fail_at(at, fmt::format("{} function bodies for {} declared functions", n, m.function_types.size()));
    }
    r.skip(r.remaining(), "function bodies");
}

}  // namespace wb::wasm
