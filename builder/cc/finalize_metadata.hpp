#pragma once
// The JSON wasm-emscripten-finalize prints about a linked module. emcc reads two things from it when
// it links a side module, and so must a link without emcc: EM_ASM/EM_JS code (refused in side
// modules) and the wasm features the module uses (passed on to wasm-opt).
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::cc {

struct FinalizeMetadata {
    std::vector<std::string> features;  ///< "--enable-mutable-globals", "--enable-simd", …
    bool has_em_asm = false;
    bool has_em_js = false;

    /// source: where the text came from, for error messages.
    static util::Expected<FinalizeMetadata> parse(const std::string& json, const std::string& source);

    /// wasm-opt's feature flags as emcc builds them: "--mvp-features", then the detected ones.
    std::vector<std::string> binaryen_feature_flags() const;

    /// emcc's error for a side module with EM_ASM or EM_JS; empty if there is none.
    std::string side_module_error() const;
};

}  // namespace wb::cc
