#pragma once
// Shared pieces of the abi tests: test data paths, a tiny hand-made runtime, the committed
// Pyodide 314.0.8 ABI, and wheels zipped from in-memory members.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "abi/runtime_abi.hpp"
#include "util/file_util.hpp"
#include "wheel/zip_writer.hpp"

namespace wb::abi::test_support {

namespace fs = std::filesystem;

inline fs::path data_dir() { return fs::path(WB_TEST_DATA) / "wasm"; }
inline fs::path npm_package(const std::string& version) { return "/work/scratch/npm/" + version + "/package"; }

inline std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline wasm::WasmModule load_module(const std::string& name) {
    std::string bytes = slurp(data_dir() / name);
    auto m = wasm::WasmModule::parse(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    EXPECT_TRUE(m) << name << ": " << (m ? "" : m.error().message);
    return m ? *m : wasm::WasmModule{};
}

/// The committed ABI of stock Pyodide 314.0.8 (trimmed, see tests/data/wasm/README.md).
inline const RuntimeAbi& pyodide_314() {
    static const RuntimeAbi abi = [] {
        auto abi = RuntimeAbi::from_json(slurp(data_dir() / "pyodide-314.0.8-abi.json"));
        EXPECT_TRUE(abi) << (abi ? "" : abi.error().message);
        return abi ? *abi : RuntimeAbi{};
    }();
    return abi;
}

inline wasm::FuncType sig(std::vector<wasm::ValType> params, std::vector<wasm::ValType> results) {
    return {std::move(params), std::move(results)};
}

/// A small runtime shaped like Pyodide's: a few wasm and JS functions, the usual globals, tags,
/// memory and table.
inline RuntimeAbi tiny_runtime() {
    using V = wasm::ValType;
    RuntimeAbi abi;
    abi.name = "tiny 1.0";
    abi.functions["strlen"] = {sig({V::I32}, {V::I32}), Provider::MainModule};
    abi.functions["__cxa_throw"] = {sig({V::I32, V::I32, V::I32}, {}), Provider::MainModule};
    abi.functions["__cxa_begin_catch"] = {sig({V::I32}, {V::I32}), Provider::MainModule};
    abi.functions["emscripten_get_now"] = {sig({}, {V::F64}), Provider::JavaScript};
    abi.functions["fd_write"] = {sig({V::I32, V::I32, V::I32, V::I32}, {V::I32}), Provider::JavaScript};
    abi.functions["untyped_js"] = {std::nullopt, Provider::JavaScript};
    abi.globals["__stack_pointer"] = {V::I32, true};
    abi.globals["__memory_base"] = {V::I32, false};
    abi.globals["__table_base"] = {V::I32, false};
    abi.globals["PyExc_TypeError"] = {V::I32, false};
    abi.tags["__cpp_exception"] = sig({V::I32}, {});
    abi.tags["__c_longjmp"] = sig({V::I32}, {});
    abi.memories["memory"] = {{256, 65536}, false, false, 16};
    abi.tables["__indirect_function_table"] = {V::FuncRef, {4000, std::nullopt}, false};
    return abi;
}

/// Writes a zip of (name, content) members to path.
inline void write_wheel(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& members) {
    std::string bytes;
    wheel::ZipWriter zip([&](std::string_view b) -> util::Expected<void> {
        bytes.append(b);
        return {};
    }, 1700000000);
    for (const auto& [name, content] : members) EXPECT_TRUE(zip.add(name, content, 0644));
    EXPECT_TRUE(zip.finish());
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace wb::abi::test_support
