#pragma once
// Reading wheels (zip files): listing and reading members, checking every member against the
// RECORD, and extracting safely into a site-packages directory. Errors name the wheel and member.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

struct WheelEntry {
    std::string name;  ///< the member's path inside the wheel, '/'-separated
    uint64_t size;     ///< uncompressed size in bytes
    uint32_t mode;     ///< file type and permission bits as stored (e.g. 0100644)
};

/// Lists every member in stored order. A missing file is an Io error; a corrupt or truncated
/// zip an Input error naming the wheel.
Expected<std::vector<WheelEntry>> list_entries(const std::filesystem::path& wheel);

/// The whole content of one member ("numpy-1.19.5.dist-info/METADATA").
Expected<std::string> read_member(const std::filesystem::path& wheel, std::string_view member);

/// Extracts every file into dest (created if missing). Refuses, before writing anything, members
/// with absolute names, '..' or '.' components, backslashes, links and duplicates. Each file
/// appears under its final name complete (staged in dest, synced, renamed); modes are 0755 when the
/// member had an exec bit, else 0644.
Expected<void> extract_wheel(const std::filesystem::path& wheel, const std::filesystem::path& dest);

/// Checks every member's sha256 and size against the wheel's *.dist-info/RECORD and that RECORD
/// lists nothing missing. A mismatch is an Integrity error naming the member.
Expected<void> verify_record(const std::filesystem::path& wheel);

}  // namespace wb::wheel
