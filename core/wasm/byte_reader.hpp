#pragma once
// A bounds-checked cursor over a WebAssembly binary. The first failed read records an error naming
// the section being read and the absolute byte offset; every later read returns zero or empty, so
// parsers loop without checking each read and test ok() where a result is used.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace wb::wasm {

class ByteReader {
public:
    /// bytes start at absolute offset base in the module; context names what is read ("import section").
    ByteReader(std::span<const uint8_t> bytes, size_t base, std::string context);

    bool ok() const { return !m_error.has_value(); }
    bool at_end() const { return m_pos >= m_bytes.size(); }
    size_t remaining() const { return m_error ? 0 : m_bytes.size() - m_pos; }
    /// Absolute offset of the next byte in the module.
    size_t offset() const { return m_base + m_pos; }
    const std::string& context() const { return m_context; }

    uint8_t u8(std::string_view what);
    /// Unsigned LEB128 of at most 32 bits (5 bytes); longer or wider encodings are errors.
    uint32_t u32(std::string_view what);
    uint64_t u64(std::string_view what);
    /// Signed LEB128 of at most `bits` bits (33 for block and heap types, 32, 64).
    int64_t sleb(unsigned bits, std::string_view what);
    /// A length-prefixed UTF-8 name.
    std::string name(std::string_view what);
    std::span<const uint8_t> bytes(size_t count, std::string_view what);
    /// A vector length, refused when count * min_item_size exceeds the bytes left: hostile counts
    /// never reach an allocation.
    uint32_t count(std::string_view what, size_t min_item_size = 1);
    /// A reader over the next size bytes (consumed here), for a section or subsection.
    ByteReader sub(size_t size, std::string context, std::string_view what);
    void skip(size_t size, std::string_view what) { bytes(size, what); }

    /// Records an error at the current offset unless one is recorded already.
    void fail(std::string_view message);
    /// Records an error at a given absolute offset unless one is recorded already.
    void fail_at(size_t offset, std::string_view message);
    /// The recorded error ("import section: unexpected end of data reading field name at byte offset 42").
    util::Error error() const;
    /// Takes over another reader's error (a sub-reader's) if this one has none.
    void adopt_error(const ByteReader& other);

private:
    uint64_t leb(unsigned bits, bool is_signed, std::string_view what);

    std::span<const uint8_t> m_bytes;
    size_t m_base = 0;
    size_t m_pos = 0;
    std::string m_context;
    std::optional<util::Error> m_error;
};

/// True when text is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace wb::wasm
