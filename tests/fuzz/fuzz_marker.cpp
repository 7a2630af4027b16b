// libFuzzer target: PEP 508 environment markers, alone and after a requirement's ';'. Every input
// evaluates or gives an Input error naming the marker; evaluation is the same twice.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "specs/marker.hpp"
#include "specs/requirement.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const auto env = wb::specs::MarkerEnvironment::emscripten("3.14");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto value = wb::specs::evaluate_marker(text, env);
    if (!value && value.error().kind != wb::util::ErrorKind::Input) std::abort();
    auto again = wb::specs::evaluate_marker(text, env);
    if (bool(value) != bool(again) || (value && *value != *again)) std::abort();
    if (auto req = wb::specs::Requirement::parse(text); req && !req->marker.empty()) {
        auto m = wb::specs::evaluate_marker(req->marker, env);
        if (!m && m.error().kind != wb::util::ErrorKind::Input) std::abort();
    }
    return 0;
}
