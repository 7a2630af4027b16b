// libFuzzer target: PEP 440 versions. A parsed version must print a normal form that parses back
// to an equal version with the same normal form.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "specs/version.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto version = wb::specs::Version::parse(text);
    if (!version) return 0;
    std::string normal = version->str();
    auto again = wb::specs::Version::parse(normal);
    if (!again || !(*again == *version) || again->str() != normal) std::abort();
    (void)(*version <=> version->public_version());
    return 0;
}
