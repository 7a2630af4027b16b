#include "engine/cache_layout.hpp"

#include <cstdlib>

namespace wb::engine {

std::filesystem::path CacheLayout::default_root() {
    if (const char* c = std::getenv("WASM_BUILD_CACHE"); c && *c) return c;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "wasm-build";
    if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "wasm-build";
    return "/tmp/wasm-build-cache";
}

}  // namespace wb::engine
