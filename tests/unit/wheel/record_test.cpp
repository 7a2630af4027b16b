#include "wheel/record.hpp"

#include <gtest/gtest.h>

#include "util/encoding.hpp"

namespace wb::wheel {
namespace {

TEST(Record, HashIsUrlsafeBase64OfSha256WithoutPadding) {
    // sha256("") = e3b0c442...b855; its urlsafe base64 without padding:
    EXPECT_EQ(record_hash(""), "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    std::string h = record_hash("hello");
    EXPECT_EQ(h.size(), 7u + 43u);
    EXPECT_EQ(h.find('='), 6u);  // only the separator: no padding
    EXPECT_EQ(h.find_first_of("+/"), std::string::npos);
}

TEST(Record, FormatsOneLinePerFileWithEmptyFieldsForRecord) {
    std::vector<RecordEntry> entries = {
        {"pkg/__init__.py", "sha256=abc", 12},
        {"pkg-1.0.dist-info/RECORD", "", std::nullopt},
    };
    EXPECT_EQ(format_record(entries), "pkg/__init__.py,sha256=abc,12\npkg-1.0.dist-info/RECORD,,\n");
}

TEST(Record, QuotesAwkwardPathsAndParsesThemBack) {
    std::vector<RecordEntry> entries = {
        {"pkg/a,b.txt", "sha256=x", 1},
        {"pkg/say \"hi\".txt", "sha256=y", 2},
        {"pkg/plain.txt", "sha256=z", 0},
        {"pkg-1.0.dist-info/RECORD", "", std::nullopt},
    };
    std::string text = format_record(entries);
    EXPECT_NE(text.find("\"pkg/a,b.txt\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"pkg/say \"\"hi\"\".txt\""), std::string::npos) << text;
    auto back = parse_record(text, "RECORD");
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, entries);
}

TEST(Record, AcceptsCrlfAndBlankLines) {
    auto back = parse_record("a.py,sha256=1,3\r\n\r\nb.py,sha256=2,4", "RECORD");
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[1].path, "b.py");
    EXPECT_EQ((*back)[1].size, 4u);
}

TEST(Record, RejectsMalformedLinesNamingSourceAndLine) {
    auto fields = parse_record("a.py,sha256=1,3\nb.py,sha256=2\n", "x.whl: RECORD");
    ASSERT_FALSE(fields);
    EXPECT_EQ(fields.error().kind, util::ErrorKind::Input);
    EXPECT_NE(fields.error().message.find("x.whl: RECORD:2:"), std::string::npos) << fields.error().message;
    auto size = parse_record("a.py,sha256=1,12x\n", "RECORD");
    ASSERT_FALSE(size);
    EXPECT_NE(size.error().message.find("'12x'"), std::string::npos) << size.error().message;
    EXPECT_FALSE(parse_record("\"a.py,sha256=1,3\n", "RECORD"));
    EXPECT_FALSE(parse_record(",sha256=1,3\n", "RECORD"));
}

}  // namespace
}  // namespace wb::wheel
