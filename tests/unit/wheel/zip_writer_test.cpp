#include "wheel/zip_writer.hpp"

#include <gtest/gtest.h>

#include "wheel/wheel_reader.hpp"
#include "wheel_test_support.hpp"

namespace wb::wheel {
namespace {

using namespace testing;

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members, int64_t mtime) {
    std::string bytes;
    ZipWriter zip([&](std::string_view b) -> util::Expected<void> {
        bytes.append(b);
        return {};
    }, mtime);
    for (const auto& [name, content] : members) EXPECT_TRUE(zip.add(name, content, 0644));
    EXPECT_TRUE(zip.finish());
    return bytes;
}

TEST(ZipWriter, EmptyArchiveIsTheBareEndRecord) {
    std::string bytes = zip_of({}, 0);
    EXPECT_EQ(bytes, std::string("PK\x05\x06", 4) + std::string(18, '\0'));
}

TEST(ZipWriter, SameInputSameBytes) {
    std::vector<std::pair<std::string, std::string>> members = {{"a.txt", "alpha"}, {"b/c.txt", std::string(5000, 'c')}};
    EXPECT_EQ(zip_of(members, 1700000000), zip_of(members, 1700000000));
    EXPECT_NE(zip_of(members, 1700000000), zip_of(members, 1700000002));
    // Deflate really compresses.
    EXPECT_LT(zip_of(members, 0).size(), 1000u);
}

TEST(ZipWriter, RefusesAddAfterFinish) {
    ZipWriter zip([](std::string_view) -> util::Expected<void> { return {}; }, 0);
    ASSERT_TRUE(zip.finish());
    EXPECT_FALSE(zip.add("late.txt", "x", 0644));
}

TEST(ZipWriter, SinkErrorsAreReturned) {
    ZipWriter zip([](std::string_view) -> util::Expected<void> { return util::fail(util::ErrorKind::Io, "disk full"); }, 0);
    auto ok = zip.add("a.txt", "x", 0644);
    ASSERT_FALSE(ok);
    EXPECT_EQ(ok.error().message, "disk full");
}

TEST(ZipWriter, Utf8NamesReadBackByLibarchiveAndPython) {
    TempDir dir;
    std::string name = "pkg/donn\xc3\xa9\x65s.txt";  // "données"
    write_text(dir / "u.zip", zip_of({{name, "x"}}, 1700000000));
    auto entries = list_entries(dir / "u.zip");
    ASSERT_TRUE(entries) << entries.error().message;
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].name, name);
    if (!have_python()) GTEST_SKIP() << "python3 not found";
    auto r = run_python({"-c",
                         "import sys, zipfile\n"
                         "i = zipfile.ZipFile(sys.argv[1]).infolist()[0]\n"
                         "assert i.filename == 'pkg/donn\\u00e9es.txt' and i.flag_bits & 0x800, i\n",
                         (dir / "u.zip").string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

}  // namespace
}  // namespace wb::wheel
