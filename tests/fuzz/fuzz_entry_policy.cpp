// libFuzzer target: the archive entry policy's path rule. An accepted name gives components none of
// which is empty, "." or "..", or holds a '/' or NUL; a refused name says why. Modes never keep
// setuid, setgid or sticky bits.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "archive/entry_policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view name(reinterpret_cast<const char*>(data), size);
    auto parts = wb::archive::entry_components(name);
    if (!parts) {
        if (parts.error().empty()) std::abort();
    } else {
        for (const auto& p : *parts) {
            if (p.empty() || p == "." || p == ".." || p.find('/') != std::string::npos ||
                p.find('\0') != std::string::npos) {
                std::abort();
            }
        }
    }
    unsigned mode = 0;
    std::memcpy(&mode, data, size < sizeof mode ? size : sizeof mode);
    for (bool dir : {false, true}) {
        if (wb::archive::masked_mode(dir, mode) & 07000) std::abort();
    }
    return 0;
}
