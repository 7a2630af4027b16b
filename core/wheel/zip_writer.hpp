#pragma once
// A deterministic zip writer on zlib: members in the order added, one fixed timestamp, Unix modes,
// deflate, no extra fields; the same members always give the same bytes. No ZIP64 (4 GiB limit).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::wheel {

using util::Expected;

/// Receives the zip's bytes in order (an AtomicFile, a string in tests).
using ZipSink = std::function<Expected<void>(std::string_view)>;

class ZipWriter {
public:
    /// mtime: seconds since the epoch for every member, clamped to the DOS range (1980..2107).
    ZipWriter(ZipSink sink, int64_t mtime);

    /// Adds a regular file; mode is its permission bits (0644 or 0755).
    Expected<void> add(std::string_view name, std::string_view content, uint32_t mode);
    /// Writes the central directory; no member may be added afterwards.
    Expected<void> finish();

private:
    struct Member {
        std::string name;
        uint32_t crc = 0;
        uint32_t compressed_size = 0;
        uint32_t size = 0;
        uint32_t offset = 0;
        uint32_t mode = 0;
        uint16_t flags = 0;
    };
    Expected<void> emit(std::string_view bytes);

    ZipSink m_sink;
    uint16_t m_dos_time = 0;
    uint16_t m_dos_date = 0;
    uint64_t m_offset = 0;
    bool m_finished = false;
    std::vector<Member> m_members;
};

}  // namespace wb::wheel
