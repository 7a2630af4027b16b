#include "wasm/byte_reader.hpp"

#include <gtest/gtest.h>

#include "fakes/wasm_builder.hpp"

namespace wb::wasm {
namespace {

using test::Bytes;

ByteReader reader(const Bytes& b) { return ByteReader(b, 100, "test section"); }

TEST(ByteReaderTest, ReadsUnsignedLeb) {
    for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 624485ull, 0xffffffffull}) {
        Bytes b;
        test::put_leb(b, v);
        auto r = reader(b);
        EXPECT_EQ(r.u32("value"), v);
        EXPECT_TRUE(r.ok());
        EXPECT_TRUE(r.at_end());
    }
    Bytes b;
    test::put_leb(b, 0xffffffffffffffffull);
    auto r = reader(b);
    EXPECT_EQ(r.u64("value"), 0xffffffffffffffffull);
    EXPECT_TRUE(r.ok());
}

TEST(ByteReaderTest, AcceptsPaddedLebWithinTheByteLimit) {
    Bytes b{0x80, 0x80, 0x80, 0x80, 0x00};  // zero in five bytes: allowed for u32
    auto r = reader(b);
    EXPECT_EQ(r.u32("value"), 0u);
    EXPECT_TRUE(r.ok());
}

TEST(ByteReaderTest, RefusesOverlongLeb) {
    Bytes b{0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    auto r = reader(b);
    r.u32("type count");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "test section: overlong LEB128 (more than 5 bytes) reading type count at byte offset 100");
    EXPECT_EQ(r.error().kind, util::ErrorKind::Input);
}

TEST(ByteReaderTest, RefusesLebTooWideForItsType) {
    Bytes b{0xff, 0xff, 0xff, 0xff, 0x1f};  // 2^35 - 1
    auto r = reader(b);
    r.u32("size");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("too large for 32 bits"), std::string::npos) << r.error().message;

    Bytes wide(9, 0xff);
    wide.push_back(0x02);  // bit 64 set
    auto r64 = reader(wide);
    r64.u64("size");
    EXPECT_FALSE(r64.ok());
}

TEST(ByteReaderTest, ReadsSignedLeb) {
    for (int64_t v : {0ll, -1ll, 63ll, -64ll, 64ll, -65ll, 2147483647ll, -2147483648ll}) {
        Bytes b;
        test::put_sleb(b, v);
        auto r = reader(b);
        EXPECT_EQ(r.sleb(32, "value"), v);
        EXPECT_TRUE(r.ok()) << v;
    }
    Bytes b;
    test::put_sleb(b, -0x10);  // funcref heap type as s33
    auto r = reader(b);
    EXPECT_EQ(r.sleb(33, "heap type"), -0x10);
    Bytes bad{0xff, 0xff, 0xff, 0xff, 0x4f};  // s32 whose top bits are not a sign extension
    auto rb = reader(bad);
    rb.sleb(32, "value");
    EXPECT_FALSE(rb.ok());
}

TEST(ByteReaderTest, TruncatedLebNamesTheOffset) {
    Bytes b{0x01, 0x80};
    auto r = reader(b);
    EXPECT_EQ(r.u8("first"), 1);
    r.u32("import count");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "test section: unexpected end of data in LEB128 reading import count at byte offset 102");
}

TEST(ByteReaderTest, ErrorsAreStickyAndReadsReturnZero) {
    Bytes b{0x05};
    auto r = reader(b);
    r.bytes(10, "payload");
    EXPECT_FALSE(r.ok());
    std::string first = r.error().message;
    EXPECT_EQ(r.u8("more"), 0);
    EXPECT_EQ(r.u32("more"), 0u);
    EXPECT_EQ(r.name("more"), "");
    EXPECT_EQ(r.count("more"), 0u);
    EXPECT_EQ(r.remaining(), 0u);
    EXPECT_EQ(r.error().message, first);
}

TEST(ByteReaderTest, CountIsCappedByTheBytesLeft) {
    Bytes b;
    test::put_leb(b, 1000000);
    b.resize(b.size() + 10, 0);
    auto r = reader(b);
    EXPECT_EQ(r.count("export count", 3), 0u);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "test section: count 1000000 of export count exceeds what the 10 bytes left can hold at byte offset 100");
}

TEST(ByteReaderTest, NamesMustBeUtf8) {
    Bytes b;
    test::put_name(b, "caf\xc3\xa9");
    auto r = reader(b);
    EXPECT_EQ(r.name("field"), "caf\xc3\xa9");
    Bytes bad{0x02, 0xc3, 0x28};
    auto rb = reader(bad);
    rb.name("field name");
    ASSERT_FALSE(rb.ok());
    EXPECT_EQ(rb.error().message, "test section: field name is not valid UTF-8 at byte offset 100");
}

TEST(ByteReaderTest, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("plain"));
    EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));
    EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // overlong NUL
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
}

TEST(ByteReaderTest, SubReaderKeepsAbsoluteOffsets) {
    Bytes b{0xaa, 0xbb, 0x80};
    auto r = reader(b);
    r.u8("first");
    ByteReader sub = r.sub(2, "inner", "inner section");
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(sub.offset(), 101u);
    sub.u8("x");
    sub.u32("y");
    ASSERT_FALSE(sub.ok());
    EXPECT_EQ(sub.error().message, "inner: unexpected end of data in LEB128 reading y at byte offset 103");
    r.adopt_error(sub);
    EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace wb::wasm
