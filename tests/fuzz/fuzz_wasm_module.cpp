// libFuzzer target: the WebAssembly module reader (side modules' imports, exports, dylink.0).
// Seeds: tests/fuzz/corpus/fuzz_wasm_module/. Every input must parse or give an Input error.
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
