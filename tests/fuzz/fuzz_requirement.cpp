// libFuzzer target: PEP 508 requirements. A parsed requirement must print a form that parses back
// to the same requirement.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "specs/requirement.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)wb::specs::normalize_specifier(text);
    auto requirement = wb::specs::Requirement::parse(text);
    if (!requirement) return 0;
    auto again = wb::specs::Requirement::parse(requirement->str());
    if (!again || !(*again == *requirement)) std::abort();
    (void)requirement->project();
    return 0;
}
