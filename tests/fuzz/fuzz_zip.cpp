// libFuzzer target: wheels (zip files) through the strict reader: the central-directory checks,
// member names, libarchive's reading, member contents and the RECORD check.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "wheel/wheel_reader.hpp"

namespace {

/// One scratch file per fuzzing process, rewritten for every input.
const std::filesystem::path& scratch() {
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("wb-fuzz-zip-" + std::to_string(::getpid()) + ".whl");
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto& path = scratch();
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    auto entries = wb::wheel::list_entries(path);
    if (entries) {
        for (const auto& entry : *entries) {
            if (entry.size <= (1u << 20)) (void)wb::wheel::read_member(path, entry.name);
        }
        (void)wb::wheel::verify_record(path);
    }
    return 0;
}
