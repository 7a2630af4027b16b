#include "wasm/value_types.hpp"

#include <fmt/format.h>

namespace wb::wasm {
namespace {

std::string join_types(const std::vector<ValType>& types) {
    std::string out;
    for (size_t i = 0; i < types.size(); ++i) {
        if (i > 0) out += ", ";
        out += to_string(types[i]);
    }
    return out;
}

std::string limits_text(const Limits& limits) {
    return limits.max ? fmt::format("min {}, max {}", limits.min, *limits.max) : fmt::format("min {}", limits.min);
}

}  // namespace

const char* to_string(ValType type) {
    switch (type) {
        case ValType::I32: return "i32";
        case ValType::I64: return "i64";
        case ValType::F32: return "f32";
        case ValType::F64: return "f64";
        case ValType::V128: return "v128";
        case ValType::FuncRef: return "funcref";
        case ValType::ExternRef: return "externref";
        case ValType::ExnRef: return "exnref";
        case ValType::OtherRef: return "ref";
    }
    return "?";
}

const char* to_string(ExternalKind kind) {
    switch (kind) {
        case ExternalKind::Function: return "function";
        case ExternalKind::Table: return "table";
        case ExternalKind::Memory: return "memory";
        case ExternalKind::Global: return "global";
        case ExternalKind::Tag: return "tag";
    }
    return "?";
}

std::string to_string(const FuncType& type) {
    std::string results = type.results.size() == 1 ? to_string(type.results[0])
                                                   : "(" + join_types(type.results) + ")";
    return "(" + join_types(type.params) + ") -> " + results;
}

std::string to_string(const GlobalType& type) {
    return type.mutable_ ? fmt::format("mut {}", to_string(type.type)) : std::string(to_string(type.type));
}

std::string to_string(const MemoryType& type) {
    std::string out = limits_text(type.limits);
    if (type.shared) out += ", shared";
    if (type.memory64) out += ", memory64";
    if (type.page_size_log2 != 16) out += fmt::format(", page size 2^{}", type.page_size_log2);
    return out;
}

std::string to_string(const TableType& type) {
    std::string out = fmt::format("{}, {}", to_string(type.element), limits_text(type.limits));
    if (type.table64) out += ", table64";
    return out;
}

}  // namespace wb::wasm
