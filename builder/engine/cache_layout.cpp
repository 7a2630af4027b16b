#include "engine/cache_layout.hpp"

namespace wb::engine {

std::filesystem::path CacheLayout::default_root(const util::Environment& env) {
    if (auto c = util::env_or(env, "WASM_BUILD_CACHE"); !c.empty()) return c;
    if (auto x = util::env_or(env, "XDG_CACHE_HOME"); !x.empty()) return std::filesystem::path(x) / "wasm-build";
    if (auto h = util::env_or(env, "HOME"); !h.empty()) return std::filesystem::path(h) / ".cache" / "wasm-build";
    return "/tmp/wasm-build-cache";
}

}  // namespace wb::engine
