#pragma once
// A target platform: the ABI a wheel is built for (Python version, Emscripten version, the runtime's
// flags). It decides wheel tags, the cross environment and cache keys; the graph is recipe × platform.
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::specs {

struct Platform {
    std::string name;                ///< e.g. "emscripten-3.1.6"
    std::string python_version;      ///< "3.11.2"
    std::string emscripten_version;  ///< "3.1.6"
    std::string abi_tag;             ///< "cp311"
    std::string platform_tag;        ///< "emscripten_3_1_6_wasm32"
    std::vector<std::string> cflags;   ///< ABI-relevant flags every build gets
    std::vector<std::string> ldflags;  ///< ABI-relevant flags every side-module link gets
    bool buildable = true;           ///< false for an ABI we describe but cannot build yet

    std::string python_short() const;  ///< "3.11"
    /// Stable text of everything ABI-relevant (goes into cache keys).
    std::string identity() const;

    /// The platforms wasm-build knows; the first is the default.
    static const std::vector<Platform>& known();
    static util::Expected<Platform> by_name(const std::string& name);
};

}  // namespace wb::specs
