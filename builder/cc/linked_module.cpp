#include "cc/linked_module.hpp"

#include <span>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::cc {

std::string binaryen_feature_flag(const std::string& llvm_feature) {
    // emcc's extract_metadata: "--enable-" + name, then three renames done as text replacements.
    std::string flag = "--enable-" + llvm_feature;
    flag = util::replace_all(flag, "--enable-atomics", "--enable-threads");
    flag = util::replace_all(flag, "--enable-simd128", "--enable-simd");
    flag = util::replace_all(flag, "--enable-nontrapping-fptoint", "--enable-nontrapping-float-to-int");
    return flag;
}

util::Expected<LinkedModule> LinkedModule::read(const std::string& path) {
    auto bytes = util::read_file(path);
    if (!bytes) return tl::unexpected(bytes.error());
    auto module = wasm::WasmModule::parse(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()));
    if (!module) {
        return util::fail(util::ErrorKind::Build, fmt::format("{}: {}", path, module.error().message));
    }
    LinkedModule linked;
    linked.feature_flags.push_back("--mvp-features");
    if (module->target_features) {
        for (const auto& feature : *module->target_features) {
            if (feature.prefix == '+') linked.feature_flags.push_back(binaryen_feature_flag(feature.name));
        }
    }
    for (const auto& e : module->exports) {
        if (e.name == "__start_em_asm" || e.name == "__start_em_js" || e.name.starts_with("__em_js__")) {
            linked.has_js_code = true;
        }
    }
    return linked;
}

}  // namespace wb::cc
