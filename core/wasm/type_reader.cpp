#include "wasm/type_reader.hpp"

#include <fmt/format.h>

namespace wb::wasm {
namespace {

constexpr int64_t k_heap_func = -0x10;    // 0x70 as a signed LEB128 heap type
constexpr int64_t k_heap_extern = -0x11;  // 0x6f

bool is_abstract_ref(uint8_t byte) {
    // nullfuncref .. arrayref, nullexnref: GC-era shorthands for abstract heap types.
    return (byte >= 0x6a && byte <= 0x6e) || (byte >= 0x71 && byte <= 0x74);
}

Limits read_limits(ByteReader& r, bool has_max, bool wide) {
    Limits limits;
    limits.min = wide ? r.u64("minimum size") : r.u32("minimum size");
    if (has_max) limits.max = wide ? r.u64("maximum size") : r.u32("maximum size");
    if (r.ok() && limits.max && *limits.max < limits.min) {
        r.fail(fmt::format("maximum size {} is below the minimum {}", *limits.max, limits.min));
    }
    return limits;
}

}  // namespace

ValType read_val_type(ByteReader& r, uint8_t first) {
    switch (first) {
        case 0x7f: return ValType::I32;
        case 0x7e: return ValType::I64;
        case 0x7d: return ValType::F32;
        case 0x7c: return ValType::F64;
        case 0x7b: return ValType::V128;
        case 0x70: return ValType::FuncRef;
        case 0x6f: return ValType::ExternRef;
        case 0x69: return ValType::ExnRef;
        case 0x63:    // (ref null ht)
        case 0x64: {  // (ref ht)
            int64_t heap = r.sleb(33, "heap type");
            if (first == 0x63 && heap == k_heap_func) return ValType::FuncRef;
            if (first == 0x63 && heap == k_heap_extern) return ValType::ExternRef;
            return ValType::OtherRef;
        }
        default:
            if (is_abstract_ref(first)) return ValType::OtherRef;
            if (r.ok()) r.fail_at(r.offset() - 1, fmt::format("unknown value type 0x{:02x}", first));
            return ValType::I32;
    }
}

ValType read_val_type(ByteReader& r) {
    uint8_t first = r.u8("value type");
    return r.ok() ? read_val_type(r, first) : ValType::I32;
}

MemoryType read_memory_type(ByteReader& r) {
    MemoryType m;
    size_t at = r.offset();
    uint8_t flags = r.u8("memory limits flags");
    if (r.ok() && (flags & ~0x0fu) != 0) {
        r.fail_at(at, fmt::format("unknown memory limits flags 0x{:02x}", flags));
        return m;
    }
    m.shared = flags & 0x02;
    m.memory64 = flags & 0x04;
    m.limits = read_limits(r, flags & 0x01, m.memory64);
    if (flags & 0x08) {
        m.page_size_log2 = r.u32("page size");
        if (r.ok() && m.page_size_log2 > 16) r.fail(fmt::format("page size 2^{} is too large", m.page_size_log2));
    }
    return m;
}

TableType read_table_type(ByteReader& r, uint8_t first) {
    TableType t;
    t.element = read_val_type(r, first);
    size_t at = r.offset();
    uint8_t flags = r.u8("table limits flags");
    if (r.ok() && (flags & ~0x05u) != 0) {
        r.fail_at(at, fmt::format("unknown table limits flags 0x{:02x}", flags));
        return t;
    }
    t.table64 = flags & 0x04;
    t.limits = read_limits(r, flags & 0x01, t.table64);
    return t;
}

TableType read_table_type(ByteReader& r) {
    uint8_t first = r.u8("table element type");
    return r.ok() ? read_table_type(r, first) : TableType{};
}

GlobalType read_global_type(ByteReader& r) {
    GlobalType g;
    g.type = read_val_type(r);
    uint8_t mut = r.u8("global mutability");
    if (r.ok() && mut > 1) r.fail_at(r.offset() - 1, fmt::format("invalid global mutability 0x{:02x}", mut));
    g.mutable_ = mut == 1;
    return g;
}

void skip_const_expr(ByteReader& r) {
    while (r.ok()) {
        size_t at = r.offset();
        uint8_t op = r.u8("constant expression");
        switch (op) {
            case 0x0b: return;  // end
            case 0x41: r.sleb(32, "i32.const"); break;
            case 0x42: r.sleb(64, "i64.const"); break;
            case 0x43: r.skip(4, "f32.const"); break;
            case 0x44: r.skip(8, "f64.const"); break;
            case 0x23: r.u32("global.get index"); break;
            case 0xd0: r.sleb(33, "ref.null heap type"); break;
            case 0xd2: r.u32("ref.func index"); break;
            case 0x6a: case 0x6b: case 0x6c:  // i32.add/sub/mul (extended-const)
            case 0x7c: case 0x7d: case 0x7e:  // i64.add/sub/mul
                break;
            case 0xfd: {
                uint32_t sub = r.u32("SIMD opcode");
                if (r.ok() && sub != 12) {
                    r.fail_at(at, fmt::format("unsupported SIMD opcode {} in a constant expression", sub));
                }
                r.skip(16, "v128.const");
                break;
            }
            default:
                if (r.ok()) r.fail_at(at, fmt::format("unsupported opcode 0x{:02x} in a constant expression", op));
                return;
        }
    }
}

}  // namespace wb::wasm
