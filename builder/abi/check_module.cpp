#include "abi/check_module.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "abi/import_checks.hpp"
#include "abi/loader_rules.hpp"

namespace wb::abi {
namespace {

using wasm::ExternalKind;

std::string module_name(const ModuleCheck& c) { return c.member.empty() ? std::string("the module") : c.member; }

void add_module_problem(ModuleCheck& c, ProblemKind kind, std::string what, std::string hint) {
    c.report.problems.push_back({c.member, "", "", kind, Severity::Error, std::move(what), std::move(hint)});
}

void check_side_module_shape(ModuleCheck& c) {
    if (!c.module.dylink) {
        add_module_problem(c, ProblemKind::NotSideModule, fmt::format("{} has no dylink.0 section", module_name(c)),
                           "not an Emscripten side module: the loader refuses it (\"need dylink section\"); link "
                           "with -sSIDE_MODULE=1");
    } else if (c.module.sections.empty() || c.module.sections.front().name != "dylink.0") {
        add_module_problem(c, ProblemKind::NotSideModule,
                           fmt::format("{}: dylink.0 is not the first section", module_name(c)),
                           "the loader reads it from the first section (\"need the dylink section to be first\"): "
                           "a tool rewrote the module after linking; relink it");
    }
}

/// The -fwasm-exceptions rule no unresolved-import check catches: a module that throws or catches
/// C++ exceptions must share the runtime's exception tag.
void check_exception_tag(ModuleCheck& c) {
    const wasm::Import* entry = nullptr;
    bool has_tag = false, js_exceptions = false;
    for (const auto& i : c.module.imports) {
        if (i.module != "env") continue;
        if (i.kind == ExternalKind::Function && is_cxx_exception_entry(i.name) && !entry) entry = &i;
        if (i.kind == ExternalKind::Tag && i.name == k_cpp_exception_tag) has_tag = true;
        if (i.kind == ExternalKind::Function && is_js_exception_helper(i.name)) js_exceptions = true;
    }
    if (!entry || has_tag) return;
    std::string how = js_exceptions ? "with JavaScript-based exceptions (-fexceptions, see its invoke_* imports)"
                                    : "without -fwasm-exceptions";
    c.report.problems.push_back(
        {c.member, "env." + entry->name, entry->name, ProblemKind::MissingExceptionTag, Severity::Error,
         fmt::format("{} imports {} but not the exception tag env.{}: it was built {}", module_name(c), entry->name,
                     k_cpp_exception_tag, how),
         fmt::format("its C++ exceptions are not {}'s: the first throw escapes the module's own catch blocks as a "
                     "foreign WebAssembly.Exception, which through an extension's C frames is Pyodide's fatal error "
                     "(\"Pyodide has suffered a fatal error\"); compile and link with -fwasm-exceptions",
                     c.abi.name)});
}

void check_target_features(ModuleCheck& c) {
    if (!c.abi.target_features) {
        c.report.note(fmt::format("target features not compared: {}'s main module has no target_features section",
                                  c.abi.name));
        return;
    }
    if (!c.module.target_features) {
        c.report.note(fmt::format("target features not compared for {}: it has no target_features section",
                                  module_name(c)));
        return;
    }
    std::set<std::string> supported;
    for (const auto& f : *c.abi.target_features) {
        if (f.prefix != '-') supported.insert(f.name);
    }
    for (const auto& f : *c.module.target_features) {
        if (f.prefix == '-' || supported.count(f.name)) continue;
        add_module_problem(c, ProblemKind::TargetFeature,
                           fmt::format("{} uses the {} feature, which {}'s main module does not", module_name(c),
                                       f.name, c.abi.name),
                           "the engine may reject the module or the code may misbehave with the runtime's: build "
                           "with the runtime's feature flags (no extra -m<feature>)");
    }
}

}  // namespace

CheckReport check_module(const wasm::WasmModule& module, const RuntimeAbi& abi,
                         const std::set<std::string>& provided_by_other_modules, std::string_view member) {
    CheckReport report;
    report.subject = member.empty() ? "module" : std::string(member);
    report.runtime = abi.name;
    report.members.emplace_back(member);
    ModuleCheck c{module, abi, provided_by_other_modules, {}, {}, std::string(member), report};
    for (const auto& e : module.exports) {
        if (!is_loader_internal(e.name)) c.own_exports.insert(e.name);
    }
    if (module.dylink) {
        for (const auto& s : module.dylink->import_info) {
            if (s.weak()) c.weak.insert(s.name);
        }
    }
    check_side_module_shape(c);
    for (const auto& i : module.imports) {
        if (i.module == "env" || i.module == "wasi_snapshot_preview1") {
            check_env_import(c, i);
        } else if (is_got_module(i.module)) {
            check_got_import(c, i);
        } else {
            report.problems.push_back({c.member, i.module + "." + i.name, i.name, ProblemKind::UnknownImportModule,
                                       Severity::Error,
                                       fmt::format("{}.{}: the loader answers only env, wasi_snapshot_preview1, "
                                                   "GOT.mem and GOT.func",
                                                   i.module, i.name),
                                       "fails at load (LinkError: module is not an object or function)"});
        }
    }
    check_exception_tag(c);
    check_target_features(c);
    return report;
}

}  // namespace wb::abi
