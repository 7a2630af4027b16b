#include "abi/import_checks.hpp"

#include <fmt/format.h>

#include "abi/loader_rules.hpp"

namespace wb::abi {
namespace {

using wasm::ExternalKind;
using wasm::Import;
using wasm::ValType;

std::string qualified(const Import& i) { return i.module + "." + i.name; }

const char* article_kind(ExternalKind kind) {
    switch (kind) {
        case ExternalKind::Function: return "a function";
        case ExternalKind::Table: return "a table";
        case ExternalKind::Memory: return "a memory";
        case ExternalKind::Global: return "a global";
        case ExternalKind::Tag: return "a tag";
    }
    return "something";
}

std::string not_provided(const ModuleCheck& c, const Import& i) {
    return fmt::format("{}: not provided by {}, the module or a library it needs", qualified(i), c.abi.name);
}

std::string rebuild_flags_hint(const RuntimeAbi& abi) {
    return fmt::format("{} uses WebAssembly exceptions and longjmp: compile and link every object with "
                       "-fwasm-exceptions -sSUPPORT_LONGJMP=wasm",
                       abi.name);
}

/// True when an i64 on one side meets a non-i64 on the other: a BigInt/Number clash in JS.
bool i64_clash(const wasm::FuncType& a, const wasm::FuncType& b) {
    auto clash = [](const std::vector<ValType>& x, const std::vector<ValType>& y) {
        for (size_t k = 0; k < x.size() && k < y.size(); ++k) {
            if ((x[k] == ValType::I64) != (y[k] == ValType::I64)) return true;
        }
        return false;
    };
    return clash(a.params, b.params) || clash(a.results, b.results);
}

void check_signature(ModuleCheck& c, const Import& i, const RuntimeFunction& f) {
    if (!f.signature || *f.signature == i.signature) return;
    std::string what = fmt::format("{}: imported as {}, the runtime's is {}", qualified(i), to_string(i.signature),
                                   to_string(*f.signature));
    if (f.provider == Provider::MainModule) {
        c.add(i, ProblemKind::SignatureMismatch, Severity::Error, what,
              "fails at load (LinkError: imported function does not match the expected type): the module was "
              "compiled against other headers or another Emscripten ABI (time_t, off_t, long double) than the runtime");
    } else if (i64_clash(i.signature, *f.signature)) {
        c.add(i, ProblemKind::SignatureMismatch, Severity::Error, what + " (a JavaScript function)",
              "an i64 meets a JavaScript number: the first call throws a TypeError (\"Cannot convert ... to a "
              "BigInt\"); the module was compiled against other declarations than the runtime's");
    } else {
        c.add(i, ProblemKind::SignatureMismatch, Severity::Warning, what + " (a JavaScript function)",
              "JavaScript functions accept any arguments, so this links, but the values passed may be wrong");
    }
}

void report_unresolved_function(ModuleCheck& c, const Import& i) {
    std::string what = not_provided(c, i);
    if (is_js_exception_helper(i.name)) {
        c.add(i, ProblemKind::JsExceptions, Severity::Error, what,
              "invoke_* wrappers and these helpers come from JavaScript-based exceptions (-fexceptions) or "
              "JavaScript-based setjmp/longjmp; the module loads, then fails at the first call through one "
              "(\"Dynamic linking error: cannot resolve symbol invoke_...\"); " + rebuild_flags_hint(c.abi));
    } else if (is_js_longjmp_helper(i.name)) {
        c.add(i, ProblemKind::JsLongjmp, Severity::Error, what,
              "setjmp/longjmp was compiled without -sSUPPORT_LONGJMP=wasm; " + rebuild_flags_hint(c.abi));
    } else {
        c.add(i, ProblemKind::Unresolved, Severity::Error, what,
              "the module loads, then fails when one of these is first called (\"Dynamic linking error: cannot "
              "resolve symbol ...\"): link the code that defines them into the module, or link against the shared "
              "library that does (dylink.0 NEEDED) and declare it");
    }
}

void check_function(ModuleCheck& c, const Import& i) {
    if (auto it = c.abi.functions.find(i.name); it != c.abi.functions.end()) return check_signature(c, i, it->second);
    if (auto kind = c.abi.kind_of(i.name)) {
        c.add(i, ProblemKind::KindMismatch, Severity::Error,
              fmt::format("{}: imported as a function, the runtime provides {}", qualified(i), article_kind(*kind)),
              "fails at load (LinkError)");
        return;
    }
    if (c.provided_elsewhere(i.name) || c.weak.count(i.name)) return;
    report_unresolved_function(c, i);
}

/// A global, tag, memory or table import the runtime lacks: the loader's stub fails instantiation.
void report_missing_at_load(ModuleCheck& c, const Import& i) {
    std::string hint = "fails at load (LinkError: the loader answers it with a stub function)";
    if (i.kind == ExternalKind::Tag && i.name == k_cpp_exception_tag) {
        hint = "the module was built with -fwasm-exceptions but the runtime has no WebAssembly exception tag (it "
               "uses JavaScript exceptions): build with the runtime's exception flags";
    }
    if (auto kind = c.abi.kind_of(i.name)) {
        c.add(i, ProblemKind::KindMismatch, Severity::Error,
              fmt::format("{}: imported as {}, the runtime provides {}", qualified(i), article_kind(i.kind),
                          article_kind(*kind)),
              "fails at load (LinkError)");
        return;
    }
    c.add(i, ProblemKind::Unresolved, Severity::Error,
          fmt::format("{}: {} that the runtime does not provide", qualified(i), article_kind(i.kind)), hint);
}

void check_global(ModuleCheck& c, const Import& i) {
    auto it = c.abi.globals.find(i.name);
    if (it == c.abi.globals.end()) return report_missing_at_load(c, i);
    if (it->second == i.global) return;
    c.add(i, ProblemKind::GlobalTypeMismatch, Severity::Error,
          fmt::format("{}: imported as {}, the runtime's is {}", qualified(i), to_string(i.global),
                      to_string(it->second)),
          "fails at load (LinkError: imported global does not match the expected type or mutability)");
}

void check_tag(ModuleCheck& c, const Import& i) {
    auto it = c.abi.tags.find(i.name);
    if (it == c.abi.tags.end()) return report_missing_at_load(c, i);
    if (it->second == i.signature) return;
    c.add(i, ProblemKind::SignatureMismatch, Severity::Error,
          fmt::format("{}: tag imported as {}, the runtime's is {}", qualified(i), to_string(i.signature),
                      to_string(it->second)),
          "fails at load (LinkError: imported tag does not match the expected type)");
}

/// A problem with maximum/minimum sizes, or an empty string.
std::string limits_problem(const wasm::Limits& want, const wasm::Limits& have, const char* unit) {
    if (want.max && !have.max) {
        return fmt::format("imports a maximum of {} {}, the runtime's has none", *want.max, unit);
    }
    if (want.max && *have.max > *want.max) {
        return fmt::format("imports a maximum of {} {}, the runtime's is {}", *want.max, unit, *have.max);
    }
    if (have.max && want.min > *have.max) {
        return fmt::format("imports a minimum of {} {}, above the runtime's maximum {}", want.min, unit, *have.max);
    }
    return {};
}

void check_memory(ModuleCheck& c, const Import& i) {
    auto it = c.abi.memories.find(i.name);
    if (it == c.abi.memories.end()) return report_missing_at_load(c, i);
    const wasm::MemoryType& have = it->second;
    const wasm::MemoryType& want = i.memory;
    std::string imp = fmt::format("{}: imports memory ({})", qualified(i), to_string(want));
    if (want.shared != have.shared) {
        c.add(i, ProblemKind::SharedMemory, Severity::Error,
              fmt::format("{}; the runtime's memory is {}shared", imp, have.shared ? "" : "not "),
              want.shared ? "built with -pthread (or -sSHARED_MEMORY): fails at load (\"mismatch in shared state of "
                            "memory\"); the runtime has no threads, build without -pthread"
                          : "fails at load (\"mismatch in shared state of memory\"): build with -pthread like the "
                            "runtime");
    }
    if (want.memory64 != have.memory64 || want.page_size_log2 != have.page_size_log2) {
        c.add(i, ProblemKind::MemoryMismatch, Severity::Error,
              fmt::format("{}; the runtime's is {}", imp, to_string(have)),
              "fails at load (LinkError): build for the runtime's address size (-sMEMORY64) and page size");
    }
    if (auto p = limits_problem(want.limits, have.limits, "pages"); !p.empty()) {
        c.add(i, ProblemKind::MemoryMismatch, Severity::Error, fmt::format("{}: memory {}", qualified(i), p),
              "fails at load (LinkError: memory import limits)");
    }
}

void check_table(ModuleCheck& c, const Import& i) {
    auto it = c.abi.tables.find(i.name);
    if (it == c.abi.tables.end()) return report_missing_at_load(c, i);
    const wasm::TableType& have = it->second;
    if (i.table.element != have.element || i.table.table64 != have.table64) {
        c.add(i, ProblemKind::TableMismatch, Severity::Error,
              fmt::format("{}: imports table ({}); the runtime's is {}", qualified(i), to_string(i.table),
                          to_string(have)),
              "fails at load (LinkError: table import type)");
    }
    if (auto p = limits_problem(i.table.limits, have.limits, "elements"); !p.empty()) {
        c.add(i, ProblemKind::TableMismatch, Severity::Error, fmt::format("{}: table {}", qualified(i), p),
              "fails at load (LinkError: table import limits)");
    }
}

}  // namespace

bool ModuleCheck::provided_elsewhere(std::string_view name) const {
    return own_exports.count(name) > 0 || others.count(std::string(name)) > 0;
}

void ModuleCheck::add(const Import& i, ProblemKind kind, Severity severity, std::string what, std::string hint) {
    report.problems.push_back({member, qualified(i), i.name, kind, severity, std::move(what), std::move(hint)});
}

void check_env_import(ModuleCheck& c, const Import& i) {
    switch (i.kind) {
        case ExternalKind::Function: return check_function(c, i);
        case ExternalKind::Global: return check_global(c, i);
        case ExternalKind::Tag: return check_tag(c, i);
        case ExternalKind::Memory: return check_memory(c, i);
        case ExternalKind::Table: return check_table(c, i);
    }
}

void check_got_import(ModuleCheck& c, const Import& i) {
    wasm::GlobalType entry{c.abi.memory64() ? ValType::I64 : ValType::I32, true};
    if (i.kind != ExternalKind::Global || i.global != entry) {
        std::string as = i.kind == ExternalKind::Global ? to_string(i.global) : article_kind(i.kind);
        c.add(i, ProblemKind::GlobalTypeMismatch, Severity::Error,
              fmt::format("{}: imported as {}, GOT entries are {}", qualified(i), as, to_string(entry)),
              "fails at load (LinkError): the loader makes every GOT entry a mutable pointer-sized global");
        return;
    }
    if (c.abi.kind_of(i.name) || c.provided_elsewhere(i.name) || c.weak.count(i.name)) return;
    std::string what = not_provided(c, i);
    std::string at_load = "fails at load (\"Dynamic linking error: undefined symbol '...'\")";
    if (is_js_longjmp_helper(i.name)) {
        c.add(i, ProblemKind::JsLongjmp, Severity::Error, what,
              at_load + ": setjmp/longjmp was compiled without -sSUPPORT_LONGJMP=wasm; " + rebuild_flags_hint(c.abi));
    } else if (is_js_exception_helper(i.name)) {
        c.add(i, ProblemKind::JsExceptions, Severity::Error, what,
              at_load + ": JavaScript-based exceptions (-fexceptions); " + rebuild_flags_hint(c.abi));
    } else {
        c.add(i, ProblemKind::Unresolved, Severity::Error, what,
              at_load + ": the module takes the address of (or reads) these, and nothing defines them; link the code "
                        "that does, or link against the shared library that does (dylink.0 NEEDED) and declare it");
    }
}

}  // namespace wb::abi
