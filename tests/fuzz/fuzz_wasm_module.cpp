// libFuzzer entry point for the WebAssembly module reader. Not wired into CMake; build e.g.:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Icore \
//     tests/fuzz/fuzz_wasm_module.cpp core/wasm/*.cpp core/util/error.cpp -lfmt -o fuzz_wasm_module
//   ./fuzz_wasm_module tests/data/wasm/
// Seeds: the side modules in tests/data/wasm/. Every input must parse or give an Input error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "wasm/wasm_module.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto module = wb::wasm::WasmModule::parse(std::span<const uint8_t>(data, size));
    if (!module && module.error().kind != wb::util::ErrorKind::Input) std::abort();
    if (module) {
        // Touch what callers read, so resolved signatures are exercised too.
        size_t n = module->custom_section_names().size();
        for (const auto& e : module->exports) n += e.signature.params.size();
        (void)n;
    }
    return 0;
}
