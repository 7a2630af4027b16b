#pragma once
// The RECORD file of a wheel's .dist-info (PEP 376/427): one CSV line per file,
// "path,sha256=<urlsafe base64, no padding>,size"; RECORD's own line has empty hash and size.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

struct RecordEntry {
    std::string path;
    std::string hash;             ///< "sha256=..." or empty
    std::optional<uint64_t> size; ///< empty for RECORD itself
    bool operator==(const RecordEntry&) const = default;
};

/// The RECORD hash field of some content: "sha256=" + urlsafe base64 without padding.
std::string record_hash(std::string_view content);

/// RECORD text: CSV lines ending in '\n', fields quoted only when they hold ',', '"' or a newline.
std::string format_record(const std::vector<RecordEntry>& entries);

/// Parses RECORD text; source names the file in error messages ("x.whl: pkg-1.0.dist-info/RECORD").
Expected<std::vector<RecordEntry>> parse_record(std::string_view text, std::string_view source);

}  // namespace wb::wheel
