#include "wasm/byte_reader.hpp"

#include <fmt/format.h>

namespace wb::wasm {

ByteReader::ByteReader(std::span<const uint8_t> bytes, size_t base, std::string context)
    : m_bytes(bytes), m_base(base), m_context(std::move(context)) {}

void ByteReader::fail(std::string_view message) { fail_at(offset(), message); }

void ByteReader::fail_at(size_t offset, std::string_view message) {
    if (m_error) return;
    m_error = util::Error{util::ErrorKind::Input, fmt::format("{}: {} at byte offset {}", m_context, message, offset)};
}

util::Error ByteReader::error() const {
    return m_error ? *m_error : util::Error{util::ErrorKind::Internal, m_context + ": no error"};
}

void ByteReader::adopt_error(const ByteReader& other) {
    if (!m_error && other.m_error) m_error = other.m_error;
}

uint8_t ByteReader::u8(std::string_view what) {
    if (m_error) return 0;
    if (m_pos >= m_bytes.size()) {
        fail(fmt::format("unexpected end of data reading {}", what));
        return 0;
    }
    return m_bytes[m_pos++];
}

uint64_t ByteReader::leb(unsigned bits, bool is_signed, std::string_view what) {
    const size_t start = offset();
    const unsigned max_bytes = (bits + 6) / 7;
    uint64_t result = 0;
    unsigned shift = 0;
    for (unsigned i = 0; i < max_bytes; ++i) {
        if (m_error) return 0;
        if (m_pos >= m_bytes.size()) {
            fail(fmt::format("unexpected end of data in LEB128 reading {}", what));
            return 0;
        }
        uint8_t byte = m_bytes[m_pos++];
        if (i == max_bytes - 1) {
            if (byte & 0x80) {
                fail_at(start, fmt::format("overlong LEB128 (more than {} bytes) reading {}", max_bytes, what));
                return 0;
            }
            // The last byte holds the top `used` bits; the rest must be zero (or copies of the sign bit).
            unsigned used = bits - 7 * i;
            unsigned above = (byte & 0x7fu) >> (is_signed ? used - 1 : used);
            unsigned all_ones = 0x7fu >> (is_signed ? used - 1 : used);
            if (above != 0 && !(is_signed && above == all_ones)) {
                fail_at(start, fmt::format("LEB128 integer too large for {} bits reading {}", bits, what));
                return 0;
            }
        }
        result |= static_cast<uint64_t>(byte & 0x7f) << shift;
        shift += 7;
        if (!(byte & 0x80)) {
            if (is_signed && shift < 64 && (byte & 0x40)) result |= ~uint64_t{0} << shift;
            return result;
        }
    }
    return 0;  // not reached: the last byte either ends the number or fails
}

uint32_t ByteReader::u32(std::string_view what) { return static_cast<uint32_t>(leb(32, false, what)); }

uint64_t ByteReader::u64(std::string_view what) { return leb(64, false, what); }

int64_t ByteReader::sleb(unsigned bits, std::string_view what) {
    return static_cast<int64_t>(leb(bits, true, what));
}

std::span<const uint8_t> ByteReader::bytes(size_t count, std::string_view what) {
    if (m_error) return {};
    if (count > m_bytes.size() - m_pos) {
        fail(fmt::format("{} bytes of {} run past the end ({} bytes left)", count, what, m_bytes.size() - m_pos));
        return {};
    }
    auto out = m_bytes.subspan(m_pos, count);
    m_pos += count;
    return out;
}

std::string ByteReader::name(std::string_view what) {
    size_t start = offset();
    uint32_t size = u32(what);
    auto raw = bytes(size, what);
    if (m_error) return {};
    std::string text(reinterpret_cast<const char*>(raw.data()), raw.size());
    if (!is_valid_utf8(text)) {
        fail_at(start, fmt::format("{} is not valid UTF-8", what));
        return {};
    }
    return text;
}

uint32_t ByteReader::count(std::string_view what, size_t min_item_size) {
    size_t start = offset();
    uint32_t n = u32(what);
    if (m_error) return 0;
    size_t left = m_bytes.size() - m_pos;
    if (min_item_size > 0 && n > left / min_item_size) {
        fail_at(start, fmt::format("count {} of {} exceeds what the {} bytes left can hold", n, what, left));
        return 0;
    }
    return n;
}

ByteReader ByteReader::sub(size_t size, std::string context, std::string_view what) {
    size_t start = offset();
    auto span = bytes(size, what);
    return ByteReader(span, start, std::move(context));
}

bool is_valid_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1, cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2, cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if (extra >= text.size() - i) return false;
        for (size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr uint32_t k_min[] = {0, 0x80, 0x800, 0x10000};
        if (cp < k_min[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += extra + 1;
    }
    return true;
}

}  // namespace wb::wasm
