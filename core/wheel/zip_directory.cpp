#include "wheel/zip_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr uint32_t k_local_sig = 0x04034b50;
constexpr uint32_t k_central_sig = 0x02014b50;
constexpr uint32_t k_end_sig = 0x06054b50;
constexpr uint32_t k_descriptor_sig = 0x08074b50;
constexpr size_t k_end_size = 22;
constexpr size_t k_central_size = 46;
constexpr size_t k_local_size = 30;
constexpr uint16_t k_flag_encrypted = 1 << 0;
constexpr uint16_t k_flag_descriptor = 1 << 3;
constexpr uint16_t k_flag_utf8 = 1 << 11;

uint16_t get16(const std::string& b, size_t at) {
    return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}
uint32_t get32(const std::string& b, size_t at) { return get16(b, at) | static_cast<uint32_t>(get16(b, at + 2)) << 16; }

class File {
public:
    explicit File(const fs::path& path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~File() {
        if (m_fd >= 0) ::close(m_fd);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    bool ok() const { return m_fd >= 0; }
    /// Exactly count bytes at offset, or nullopt (short file, read error).
    std::optional<std::string> read(uint64_t offset, size_t count) const {
        std::string out(count, '\0');
        size_t done = 0;
        while (done < count) {
            ssize_t n = ::pread(m_fd, out.data() + done, count - done, static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return std::nullopt;
            done += static_cast<size_t>(n);
        }
        return out;
    }

private:
    int m_fd;
};

/// The layout checker for one file; every error names the file.
struct Reader {
    const fs::path& path;
    const File& file;
    uint64_t file_size;

    tl::unexpected<util::Error> bad(std::string_view what) const {
        return fail(ErrorKind::Input, fmt::format("{}: not a plain zip archive: {}", path.string(), what));
    }
    tl::unexpected<util::Error> bad_member(const std::string& name, std::string_view what) const {
        return bad(fmt::format("member '{}': {}", name, what));
    }
};

struct EndRecord {
    uint64_t position = 0;
    uint64_t entries = 0;
    uint64_t directory_offset = 0;
    uint64_t directory_size = 0;
};

/// The end record whose comment reaches exactly the end of the file.
Expected<EndRecord> find_end(const Reader& r) {
    if (r.file_size < k_end_size) return r.bad("too short to hold an end of central directory record");
    uint64_t tail_size = std::min<uint64_t>(r.file_size, k_end_size + 0xffff);
    auto tail = r.file.read(r.file_size - tail_size, tail_size);
    if (!tail) return r.bad("cannot read the end of the file");
    for (size_t at = tail_size - k_end_size + 1; at-- > 0;) {
        if (get32(*tail, at) != k_end_sig) continue;
        if (at + k_end_size + get16(*tail, at + 20) != tail_size) continue;  // comment must end the file
        if (get16(*tail, at + 4) != 0 || get16(*tail, at + 6) != 0 || get16(*tail, at + 8) != get16(*tail, at + 10)) {
            return r.bad("spans several disks");
        }
        EndRecord end{r.file_size - tail_size + at, get16(*tail, at + 10), get32(*tail, at + 16), get32(*tail, at + 12)};
        if (end.entries == 0xffff || end.directory_offset == 0xffffffff || end.directory_size == 0xffffffff) {
            return r.bad("zip64 archives are not accepted (more than 65535 members or 4 GiB)");
        }
        return end;
    }
    return r.bad("no end of central directory record ends the file (data after the archive, or not a zip)");
}

bool is_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || (n == 2 && c < 0xc2) || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

/// Parses the central directory entries, which must fill it exactly.
Expected<std::vector<ZipMember>> read_central(const Reader& r, const EndRecord& end) {
    if (end.directory_offset + end.directory_size != end.position) {
        return r.bad(fmt::format("the central directory ends at byte {} but the end record is at byte {} (data "
                                 "between them, or another archive in front)",
                                 end.directory_offset + end.directory_size, end.position));
    }
    auto dir = r.file.read(end.directory_offset, end.directory_size);
    if (!dir) return r.bad("cannot read the central directory");
    std::vector<ZipMember> members;
    size_t at = 0;
    while (at < dir->size()) {
        if (at + k_central_size > dir->size() || get32(*dir, at) != k_central_sig) {
            return r.bad(fmt::format("central directory entry {} is damaged", members.size() + 1));
        }
        size_t name_len = get16(*dir, at + 28), extra_len = get16(*dir, at + 30), comment_len = get16(*dir, at + 32);
        if (at + k_central_size + name_len + extra_len + comment_len > dir->size()) {
            return r.bad(fmt::format("central directory entry {} runs past the directory", members.size() + 1));
        }
        ZipMember m{dir->substr(at + k_central_size, name_len), get32(*dir, at + 42), get32(*dir, at + 20),
                    get32(*dir, at + 24), get16(*dir, at + 10), get16(*dir, at + 8)};
        if (m.flags & k_flag_encrypted) return r.bad_member(m.name, "is encrypted");
        if (m.method != 0 && m.method != 8) return r.bad_member(m.name, fmt::format("uses compression method {}", m.method));
        bool ascii = std::all_of(m.name.begin(), m.name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii && (!(m.flags & k_flag_utf8) || !is_utf8(m.name))) {
            return r.bad_member(m.name, "has a non-ASCII name not marked and encoded as UTF-8 (readers would decode it "
                                        "differently)");
        }
        members.push_back(std::move(m));
        at += k_central_size + name_len + extra_len + comment_len;
    }
    if (members.size() != end.entries) {
        return r.bad(fmt::format("the end record counts {} members, the central directory holds {}", end.entries,
                                 members.size()));
    }
    return members;
}

/// The end of a member's bytes: local header, data, and data descriptor if it has one.
Expected<uint64_t> member_end(const Reader& r, const ZipMember& m) {
    auto head = r.file.read(m.local_offset, k_local_size);
    if (!head || get32(*head, 0) != k_local_sig) return r.bad_member(m.name, "has no local header where the directory says");
    size_t name_len = get16(*head, 26), extra_len = get16(*head, 28);
    auto name = r.file.read(m.local_offset + k_local_size, name_len);
    if (!name || *name != m.name) {
        return r.bad_member(m.name, fmt::format("its local header names it '{}'", name.value_or("?")));
    }
    if (get16(*head, 8) != m.method) return r.bad_member(m.name, "local header and directory disagree on compression");
    uint64_t end = m.local_offset + k_local_size + name_len + extra_len + m.compressed_size;
    if (!(m.flags & k_flag_descriptor)) return end;
    auto sig = r.file.read(end, 4);
    return end + (sig && get32(*sig, 0) == k_descriptor_sig ? 16 : 12);
}

/// Members must tile the file from byte 0 to the central directory.
Expected<void> check_tiling(const Reader& r, const std::vector<ZipMember>& members, const EndRecord& end) {
    uint64_t expected = 0;
    for (const ZipMember& m : members) {
        if (m.local_offset != expected) {
            return r.bad_member(m.name, fmt::format("starts at byte {}, expected {} (hidden data, a gap, or members "
                                                    "that overlap)", m.local_offset, expected));
        }
        auto next = member_end(r, m);
        if (!next) return tl::unexpected(next.error());
        expected = *next;
    }
    if (expected != end.directory_offset) {
        return r.bad(fmt::format("the members end at byte {} but the central directory starts at byte {}", expected,
                                 end.directory_offset));
    }
    return {};
}

}  // namespace

Expected<std::vector<ZipMember>> read_zip_directory(const fs::path& path) {
    File file(path);
    std::error_code ec;
    uint64_t size = fs::file_size(path, ec);
    if (!file.ok() || ec) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot open wheel: {}", path.string(), std::strerror(errno)));
    }
    Reader r{path, file, size};
    auto end = find_end(r);
    if (!end) return tl::unexpected(end.error());
    auto members = read_central(r, *end);
    if (!members) return tl::unexpected(members.error());
    std::stable_sort(members->begin(), members->end(),
                     [](const ZipMember& a, const ZipMember& b) { return a.local_offset < b.local_offset; });
    if (auto ok = check_tiling(r, *members, *end); !ok) return tl::unexpected(ok.error());
    return members;
}

}  // namespace wb::wheel
