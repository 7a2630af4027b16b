#pragma once
// A toolchain configuration for tests, shaped like a real probe's but with made-up paths, and an
// in-memory file system for side-module link decisions.
#include <map>
#include <string>
#include <vector>

#include "cc/file_system_view.hpp"
#include "cc/toolchain_config.hpp"

namespace wb::cc::testing {

/// Shaped like a probe of Emscripten 6.0.5 with Pyodide's ABI flags (no finalize step in links).
inline ToolchainConfig sample_config() {
    ToolchainConfig c;
    c.emcc = "/opt/em/emcc";
    c.empp = "/opt/em/em++";
    c.emscripten_version = "6.0.5";
    c.version_text = {"emcc (Emscripten gcc/clang-like replacement) 6.0.5 ()", "Copyright line"};
    c.target = "wasm32-unknown-emscripten";
    c.node_path = "/usr/share/nodejs";
    c.clang = "/opt/llvm/clang";
    c.clangxx = "/opt/llvm/clang++";
    c.abi_flags = {"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"};
    c.cflags = {"-target", "wasm32-unknown-emscripten", "-mllvm", "-wasm-enable-sjlj", "--sysroot=/opt/em/sysroot"};
    c.cxxflags = c.cflags;
    c.cxxflags.push_back("-DCXX_ONLY");
    c.abi_compile_subsets = {"-fwasm-exceptions"};
    c.compile_emcc_flags = {"-nostdinc"};
    c.toolchain_dirs = {"/opt/em", "/opt/em/sysroot"};
    c.tools = {{"ar", "/opt/llvm/llvm-ar"},
               {"ranlib", "/opt/llvm/llvm-ranlib"},
               {"nm", "/opt/llvm/llvm-nm"},
               {"ld", "/opt/llvm/wasm-ld"}};
    c.system_libs = {"c", "c++", "GL"};
    c.side_link_cxx = true;
    for (std::string variant : {"O0", "O2", "O0+g"}) {
        SideLinkTemplate t;
        t.steps.push_back({"/opt/llvm/wasm-ld", "-o", k_output_placeholder, "-Bdynamic", k_inputs_placeholder,
                           "-L/opt/em/sysroot/pic", "-shared"});
        t.steps.push_back({"/opt/llvm/llvm-objcopy", k_output_placeholder, k_output_placeholder});
        t.steps.push_back({"/opt/bin/post", variant, k_output_placeholder, k_features_placeholder});
        c.side_links[variant] = t;
    }
    return c;
}

/// The ABI flags of sample_config(), to append to a command line.
inline std::vector<std::string> sample_abi() { return {"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"}; }

/// argv with the sample ABI flags appended.
inline std::vector<std::string> with_abi(std::vector<std::string> argv) {
    for (auto& flag : sample_abi()) argv.push_back(flag);
    return argv;
}

/// Files by path; content is what head() returns.
class FakeFileSystem final : public FileSystemView {
public:
    std::map<std::string, std::string> files;
    bool is_file(const std::string& path) const override { return files.count(path) != 0; }
    std::string head(const std::string& path, size_t count) const override {
        auto it = files.find(path);
        return it == files.end() ? std::string() : it->second.substr(0, count);
    }
    void add_wasm_object(const std::string& path) { files[path] = std::string("\0asm\1\0\0\0", 8); }
};

}  // namespace wb::cc::testing
