#pragma once
// A zip file's central directory read by hand, before libarchive sees the file, and held to a layout
// that every zip reader reads the same way: one end record at the very end (no data after it), the
// central directory right before it, and the members' local headers and data one after the other
// from byte 0 up to the directory, with no gap, prefix or overlap; each local header repeating its
// central directory name; stored or deflated, unencrypted, names in UTF-8. Glued zips, appended or
// hidden data, and names that two readers would decode differently are refused here.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

struct ZipMember {
    std::string name;
    uint64_t local_offset = 0;
    uint64_t compressed_size = 0;
    uint64_t size = 0;
    uint16_t method = 0;
    uint16_t flags = 0;
};

/// The members in local-header order (the order readers return them), after the layout checks.
/// Errors (ErrorKind::Input) name the file and, where one is at fault, the member.
Expected<std::vector<ZipMember>> read_zip_directory(const std::filesystem::path& path);

}  // namespace wb::wheel
