#include "abi/loader_rules.hpp"

#include <algorithm>
#include <array>

namespace wb::abi {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

template <size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool is_loader_import_module(std::string_view module) {
    return module == "env" || module == "wasi_snapshot_preview1" || is_got_module(module);
}

bool is_got_module(std::string_view module) { return module == "GOT.mem" || module == "GOT.func"; }

bool is_loader_internal(std::string_view name) {
    static constexpr std::array<std::string_view, 19> k_internal = {
        "memory",           "__memory_base",    "__table_base",          "__stack_pointer",
        "__indirect_function_table", "__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs",
        "__dso_handle",     "__tls_size",       "__tls_align",           "__set_stack_limits",
        "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors",  "__start_em_asm",
        "__stop_em_asm",    "__start_em_js",    "__stop_em_js"};
    return one_of(name, k_internal) || starts_with(name, "__em_js__");
}

bool is_js_exception_helper(std::string_view name) {
    static constexpr std::array<std::string_view, 2> k_helpers = {"__resumeException", "llvm_eh_typeid_for"};
    return starts_with(name, "invoke_") || starts_with(name, "__cxa_find_matching_catch_") || one_of(name, k_helpers);
}

bool is_js_longjmp_helper(std::string_view name) {
    static constexpr std::array<std::string_view, 4> k_helpers = {"emscripten_longjmp", "saveSetjmp", "testSetjmp",
                                                                   "_emscripten_throw_longjmp"};
    return one_of(name, k_helpers);
}

bool is_cxx_exception_entry(std::string_view name) { return name == "__cxa_throw" || name == "__cxa_begin_catch"; }

}  // namespace wb::abi
