#include "specs/platform.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::specs {

std::string Platform::python_short() const {
    auto parts = util::split(python_version, '.');
    return parts.size() >= 2 ? parts[0] + "." + parts[1] : python_version;
}

std::string Platform::identity() const {
    return fmt::format("platform={};python={};emscripten={};abi={};tag={};cflags={};ldflags={}", name,
                       python_version, emscripten_version, abi_tag, platform_tag, util::join(cflags, " "),
                       util::join(ldflags, " "));
}

const std::vector<Platform>& Platform::known() {
    static const std::vector<Platform> platforms = {
        // Debian's emscripten 3.1.6 with our own CPython 3.11.2 runtime.
        // The runtime is linked with WASM_BIGINT: side modules must be too, or i64 imports are
        // legalized and fail to link (PyLong_FromLongLong).
        {"emscripten-3.1.6", "3.11.2", "3.1.6", "cp311", "emscripten_3_1_6_wasm32", {}, {"-sWASM_BIGINT"}, true},
        // Stock Pyodide 0.23.4 (CPython 3.11.2, Emscripten 3.1.32): 64-bit time_t from 3.1.16 on,
        // so its wheels differ in ABI. Described, not yet buildable with this toolchain.
        {"pyodide-0.23.4", "3.11.2", "3.1.32", "cp311", "emscripten_3_1_32_wasm32", {}, {"-sWASM_BIGINT"}, false},
    };
    return platforms;
}

util::Expected<Platform> Platform::by_name(const std::string& name) {
    std::vector<std::string> names;
    for (const auto& p : known()) {
        if (p.name == name) return p;
        names.push_back(p.name);
    }
    return util::fail(util::ErrorKind::Usage, fmt::format("unknown platform '{}' (expected one of: {})", name,
                                                          util::join(names, ", ")));
}

}  // namespace wb::specs
