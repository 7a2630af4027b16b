#pragma once
// The per-import half of check_module: one function per import module family. Internal to abi/.
#include <set>
#include <string>

#include "abi/check_report.hpp"
#include "abi/runtime_abi.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::abi {

/// What the checks of one module share.
struct ModuleCheck {
    const wasm::WasmModule& module;
    const RuntimeAbi& abi;
    const std::set<std::string>& others;  ///< exports of the libraries the module needs
    std::set<std::string, std::less<>> own_exports;  ///< the module's exports the loader offers
    std::set<std::string, std::less<>> weak;         ///< IMPORT_INFO weak names (the loader ignores the module)
    std::string member;
    CheckReport& report;

    /// Provided by the module itself or one of its libraries.
    bool provided_elsewhere(std::string_view name) const;
    void add(const wasm::Import& i, ProblemKind kind, Severity severity, std::string what, std::string hint);
};

/// env.* and wasi_snapshot_preview1.* imports.
void check_env_import(ModuleCheck& c, const wasm::Import& i);
/// GOT.mem.* and GOT.func.* imports.
void check_got_import(ModuleCheck& c, const wasm::Import& i);

}  // namespace wb::abi
