#pragma once
// What emcc (since it stopped running wasm-emscripten-finalize for side modules) reads from a module
// it has just linked: the wasm features it uses, passed on to wasm-opt, and whether it carries
// EM_ASM/EM_JS code, which emcc checks with node before it accepts the side module.
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::cc {

struct LinkedModule {
    std::vector<std::string> feature_flags;  ///< "--mvp-features", "--enable-bulk-memory", …
    bool has_js_code = false;                ///< EM_ASM or EM_JS: emcc validates it with node

    /// Reads the linked module at `path`; a file that is not a readable wasm module is an error.
    static util::Expected<LinkedModule> read(const std::string& path);
};

/// emcc's wasm-opt flag for a target feature: "simd128" -> "--enable-simd".
std::string binaryen_feature_flag(const std::string& llvm_feature);

}  // namespace wb::cc
