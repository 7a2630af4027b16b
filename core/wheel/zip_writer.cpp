#include "wheel/zip_writer.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

namespace wb::wheel {
using util::ErrorKind;
using util::fail;

namespace {

constexpr uint32_t k_local_signature = 0x04034b50;
constexpr uint32_t k_central_signature = 0x02014b50;
constexpr uint32_t k_end_signature = 0x06054b50;
constexpr uint16_t k_version_needed = 20;                  // 2.0: deflate
constexpr uint16_t k_version_made_by = (3 << 8) | 20;      // Unix, so external attributes hold the mode
constexpr uint16_t k_method_deflate = 8;
constexpr uint16_t k_flag_utf8 = 1 << 11;
constexpr int64_t k_dos_min = 315532800;   // 1980-01-01T00:00:00Z
constexpr int64_t k_dos_max = 4354819198;  // 2107-12-31T23:59:58Z
constexpr uint64_t k_zip32_limit = 0xffffffffu;

void put16(std::string& out, uint16_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>(v >> 8);
}

void put32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// Ends a deflate stream on every path out of deflate_raw().
struct DeflateGuard {
    z_stream* stream;
    ~DeflateGuard() { deflateEnd(stream); }
};

// Raw deflate (no zlib header), as zip stores it. The caller keeps data under 4 GiB.
Expected<std::string> deflate_raw(std::string_view data, std::string_view name) {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return fail(ErrorKind::Internal, fmt::format("zip member '{}': deflateInit2 failed", name));
    }
    DeflateGuard guard{&z};
    std::string out(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        return fail(ErrorKind::Internal, fmt::format("zip member '{}': deflate did not finish", name));
    }
    out.resize(z.total_out);
    return out;
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

ZipWriter::ZipWriter(ZipSink sink, int64_t mtime) : m_sink(std::move(sink)) {
    time_t t = static_cast<time_t>(std::clamp(mtime, k_dos_min, k_dos_max));
    std::tm tm{};
    gmtime_r(&t, &tm);
    m_dos_time = static_cast<uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    m_dos_date = static_cast<uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

Expected<void> ZipWriter::emit(std::string_view bytes) {
    m_offset += bytes.size();
    return m_sink(bytes);
}

Expected<void> ZipWriter::add(std::string_view name, std::string_view content, uint32_t mode) {
    if (m_finished) return fail(ErrorKind::Internal, fmt::format("zip member '{}' added after finish()", name));
    if (name.empty() || name.size() > 0xffff) {
        return fail(ErrorKind::Input, fmt::format("zip member name '{}': expected 1 to 65535 bytes", name));
    }
    if (content.size() >= k_zip32_limit || m_offset >= k_zip32_limit || m_members.size() >= 0xffff) {
        return fail(ErrorKind::Input, fmt::format("zip member '{}': the archive would need ZIP64 (over 4 GiB or "
                                                  "65535 members), which this writer does not support",
                                                  name));
    }
    auto compressed = deflate_raw(content, name);
    if (!compressed) return tl::unexpected(compressed.error());
    Member m;
    m.name = std::string(name);
    m.crc = static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(content.data()), content.size()));
    m.compressed_size = static_cast<uint32_t>(compressed->size());
    m.size = static_cast<uint32_t>(content.size());
    m.offset = static_cast<uint32_t>(m_offset);
    m.mode = S_IFREG | (mode & 07777);
    m.flags = is_ascii(name) ? 0 : k_flag_utf8;

    std::string header;
    put32(header, k_local_signature);
    put16(header, k_version_needed);
    put16(header, m.flags);
    put16(header, k_method_deflate);
    put16(header, m_dos_time);
    put16(header, m_dos_date);
    put32(header, m.crc);
    put32(header, m.compressed_size);
    put32(header, m.size);
    put16(header, static_cast<uint16_t>(name.size()));
    put16(header, 0);  // no extra field: nothing that varies between runs
    header += name;
    if (auto ok = emit(header); !ok) return ok;
    if (auto ok = emit(*compressed); !ok) return ok;
    m_members.push_back(std::move(m));
    return {};
}

Expected<void> ZipWriter::finish() {
    if (m_finished) return fail(ErrorKind::Internal, "zip finish() called twice");
    m_finished = true;
    if (m_offset >= k_zip32_limit) {
        return fail(ErrorKind::Input, "the archive would need ZIP64 (over 4 GiB), which this writer does not support");
    }
    uint64_t directory_offset = m_offset;
    std::string directory;
    for (const auto& m : m_members) {
        put32(directory, k_central_signature);
        put16(directory, k_version_made_by);
        put16(directory, k_version_needed);
        put16(directory, m.flags);
        put16(directory, k_method_deflate);
        put16(directory, m_dos_time);
        put16(directory, m_dos_date);
        put32(directory, m.crc);
        put32(directory, m.compressed_size);
        put32(directory, m.size);
        put16(directory, static_cast<uint16_t>(m.name.size()));
        put16(directory, 0);  // extra field length
        put16(directory, 0);  // comment length
        put16(directory, 0);  // disk number
        put16(directory, 0);  // internal attributes
        put32(directory, m.mode << 16);
        put32(directory, m.offset);
        directory += m.name;
    }
    if (directory_offset + directory.size() >= k_zip32_limit) {
        return fail(ErrorKind::Input, "the zip central directory would need ZIP64, which this writer does not support");
    }
    std::string end;
    put32(end, k_end_signature);
    put16(end, 0);  // this disk
    put16(end, 0);  // disk with the directory
    put16(end, static_cast<uint16_t>(m_members.size()));
    put16(end, static_cast<uint16_t>(m_members.size()));
    put32(end, static_cast<uint32_t>(directory.size()));
    put32(end, static_cast<uint32_t>(directory_offset));
    put16(end, 0);  // comment length
    if (auto ok = emit(directory); !ok) return ok;
    return emit(end);
}

}  // namespace wb::wheel
