#include "abi/runtime_abi.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "abi/js_glue.hpp"
#include "abi/signature_code.hpp"
#include "util/file_util.hpp"

namespace wb::abi {
namespace {

namespace fs = std::filesystem;
using util::ErrorKind;
using wasm::ExternalKind;

/// The types of the main module's own function imports from the glue: the authority on the
/// signature of a JS function both sides know.
NameMap<wasm::FuncType> main_import_types(const wasm::WasmModule& main) {
    NameMap<wasm::FuncType> out;
    for (const auto& i : main.imports) {
        if (i.kind == ExternalKind::Function && (i.module == "env" || i.module == "wasi_snapshot_preview1")) {
            out.emplace(i.name, i.signature);
        }
    }
    return out;
}

bool defines(const RuntimeAbi& abi, std::string_view name) { return abi.kind_of(name).has_value(); }

void add_export(RuntimeAbi& abi, const wasm::Export& e) {
    if (defines(abi, e.name)) return;  // mergeLibSymbols: the JS definition wins
    switch (e.kind) {
        case ExternalKind::Function: abi.functions[e.name] = {e.signature, Provider::MainModule}; break;
        case ExternalKind::Global: abi.globals[e.name] = e.global; break;
        case ExternalKind::Tag: abi.tags[e.name] = e.signature; break;
        case ExternalKind::Memory: abi.memories[e.name] = e.memory; break;
        case ExternalKind::Table: abi.tables[e.name] = e.table; break;
    }
}

/// Makes alias provide whatever target provides (an assignment: replaces an older entry).
void copy_entry(RuntimeAbi& abi, const std::string& alias, const std::string& target) {
    auto copy = [&](auto& map) {
        auto it = map.find(target);
        if (it == map.end()) return false;
        auto value = it->second;
        map[alias] = value;
        return true;
    };
    copy(abi.functions) || copy(abi.globals) || copy(abi.tags) || copy(abi.memories) || copy(abi.tables);
}

std::string package_name(const fs::path& dir) {
    auto text = util::read_file(dir / "package.json");
    if (!text) return dir.filename().string();
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_object() && doc.value("version", nlohmann::json()).is_string()) {
        return fmt::format("{} {}", doc.value("name", std::string("pyodide")), doc["version"].get<std::string>());
    }
    return dir.filename().string();
}

}  // namespace

Expected<RuntimeAbi> RuntimeAbi::from_main_module(const wasm::WasmModule& main, std::string_view js_glue,
                                                  std::string name) {
    auto glue = parse_js_glue(js_glue);
    if (!glue) return tl::unexpected(glue.error());
    RuntimeAbi abi;
    abi.name = std::move(name);
    bool mem64 = false;
    for (const auto& e : main.exports) {
        if (e.kind == ExternalKind::Memory && e.name == "memory") mem64 = e.memory.memory64;
    }
    auto imported = main_import_types(main);
    for (const auto& [key, sig] : glue->functions) {
        RuntimeFunction f{std::nullopt, Provider::JavaScript};
        if (auto it = imported.find(key); it != imported.end()) {
            f.signature = it->second;
        } else if (sig) {
            f.signature = parse_emscripten_sig(*sig, mem64);
        }
        abi.functions[key] = f;
    }
    for (const auto& e : main.exports) add_export(abi, e);
    // mergeLibSymbols' alias between `main` and `__main_argc_argv`, then the glue's own aliases.
    if (defines(abi, "__main_argc_argv") && !defines(abi, "main")) copy_entry(abi, "main", "__main_argc_argv");
    if (defines(abi, "main") && !defines(abi, "__main_argc_argv")) copy_entry(abi, "__main_argc_argv", "main");
    for (const auto& [alias, target] : glue->aliases) copy_entry(abi, alias, target);
    wasm::GlobalType base{mem64 ? wasm::ValType::I64 : wasm::ValType::I32, false};
    abi.globals["__memory_base"] = base;
    abi.globals["__table_base"] = base;
    abi.target_features = main.target_features;
    return abi;
}

Expected<RuntimeAbi> RuntimeAbi::from_npm_package(const fs::path& dir) {
    auto wasm_bytes = util::read_file(dir / "pyodide.asm.wasm");
    if (!wasm_bytes) return tl::unexpected(wasm_bytes.error());
    fs::path glue_path = dir / "pyodide.asm.mjs";
    if (!fs::exists(glue_path)) glue_path = dir / "pyodide.asm.js";
    auto glue = util::read_file(glue_path);
    if (!glue) return tl::unexpected(glue.error());
    auto bytes = std::span(reinterpret_cast<const uint8_t*>(wasm_bytes->data()), wasm_bytes->size());
    auto main = wasm::WasmModule::parse(bytes);
    if (!main) {
        return util::fail(ErrorKind::Input,
                          fmt::format("{}: {}", (dir / "pyodide.asm.wasm").string(), main.error().message));
    }
    auto abi = from_main_module(*main, *glue, package_name(dir));
    if (!abi) return util::fail(abi.error().kind, fmt::format("{}: {}", glue_path.string(), abi.error().message));
    return abi;
}

std::optional<ExternalKind> RuntimeAbi::kind_of(std::string_view symbol) const {
    if (functions.count(symbol)) return ExternalKind::Function;
    if (globals.count(symbol)) return ExternalKind::Global;
    if (tags.count(symbol)) return ExternalKind::Tag;
    if (memories.count(symbol)) return ExternalKind::Memory;
    if (tables.count(symbol)) return ExternalKind::Table;
    return std::nullopt;
}

size_t RuntimeAbi::symbol_count() const {
    return functions.size() + globals.size() + tags.size() + memories.size() + tables.size();
}

bool RuntimeAbi::memory64() const {
    auto it = memories.find("memory");
    return it != memories.end() && it->second.memory64;
}

}  // namespace wb::abi
