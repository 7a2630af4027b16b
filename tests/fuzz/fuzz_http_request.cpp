// libFuzzer target: HTTP/1.x request heads as `index serve` parses them.
#include <cstdint>
#include <string_view>

#include "index/serve/http_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view head(reinterpret_cast<const char*>(data), size);
    auto request = wb::index::HttpRequest::parse(head);
    if (!request) return 0;
    (void)request->header("Host");
    (void)request->combined_header("Accept");
    (void)request->keep_alive();
    (void)request->has_body();
    return 0;
}
