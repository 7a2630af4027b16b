#include "wheel/wheel_reader.hpp"

#include <gtest/gtest.h>

#include "wheel/record.hpp"
#include "wheel/wheel_writer.hpp"
#include "wheel/zip_writer.hpp"
#include "wheel_test_support.hpp"

namespace wb::wheel {
namespace {

using namespace testing;

struct Member {
    std::string name;
    std::string content;
    uint32_t mode = 0644;
};

std::string make_zip(const std::vector<Member>& members) {
    std::string bytes;
    ZipWriter zip([&](std::string_view b) -> util::Expected<void> {
        bytes.append(b);
        return {};
    }, 1700000000);
    for (const auto& m : members) EXPECT_TRUE(zip.add(m.name, m.content, m.mode));
    EXPECT_TRUE(zip.finish());
    return bytes;
}

// Rewrites the file type and mode a member has in the zip's central directory.
void set_central_mode(std::string& zip, const std::string& name, uint32_t mode) {
    const std::string signature("PK\x01\x02", 4);
    for (size_t at = zip.find(signature); at != std::string::npos; at = zip.find(signature, at + 4)) {
        size_t name_len = static_cast<unsigned char>(zip[at + 28]) | (static_cast<unsigned char>(zip[at + 29]) << 8);
        if (zip.compare(at + 46, name_len, name) != 0) continue;
        zip[at + 40] = static_cast<char>(mode & 0xff);
        zip[at + 41] = static_cast<char>(mode >> 8);
        return;
    }
    ADD_FAILURE() << "no central directory entry for " << name;
}

class WheelReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        write_text(m_dir / "staged/pkg/__init__.py", "VALUE = 42\n");
        write_text(m_dir / "staged/pkg/tool.so", "binary\x01\x02", fs::perms(0755));
        write_text(m_dir / "staged/pkg/sub/data.txt", "data\n");
        WheelSpec spec;
        spec.name = "pkg";
        spec.version = "2.0";
        spec.tag = specs::WheelTag::pure_python();
        auto wheel = write_wheel(m_dir / "staged", spec, m_dir / "out", 1700000000);
        ASSERT_TRUE(wheel) << wheel.error().message;
        m_wheel = *wheel;
        m_bytes = slurp(m_wheel);
    }

    fs::path write_zip(const std::string& name, const std::string& bytes) {
        fs::path path = m_dir / name;
        write_text(path, bytes);
        return path;
    }

    // The good wheel's members, with one content replaced; RECORD kept as it was.
    std::vector<Member> members_with(const std::string& name, const std::string& content) {
        std::vector<Member> members;
        auto entries = list_entries(m_wheel);
        EXPECT_TRUE(entries);
        for (const auto& e : *entries) {
            std::string data = e.name == name ? content : *read_member(m_wheel, e.name);
            members.push_back(Member{e.name, data, e.mode & 0777});
        }
        return members;
    }

    TempDir m_dir;
    fs::path m_wheel;
    std::string m_bytes;
};

TEST_F(WheelReaderTest, ListsAndReadsMembers) {
    auto entries = list_entries(m_wheel);
    ASSERT_TRUE(entries) << entries.error().message;
    ASSERT_EQ(entries->size(), 6u);
    EXPECT_EQ((*entries)[0].name, "pkg/__init__.py");
    EXPECT_EQ((*entries)[0].size, 11u);
    auto content = read_member(m_wheel, "pkg/sub/data.txt");
    ASSERT_TRUE(content) << content.error().message;
    EXPECT_EQ(*content, "data\n");
    auto missing = read_member(m_wheel, "pkg/nope.py");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("pkg/nope.py"), std::string::npos);
}

TEST_F(WheelReaderTest, MissingFileIsAnIoError) {
    auto entries = list_entries(m_dir / "absent.whl");
    ASSERT_FALSE(entries);
    EXPECT_EQ(entries.error().kind, util::ErrorKind::Io);
    EXPECT_NE(entries.error().message.find("absent.whl"), std::string::npos);
}

TEST_F(WheelReaderTest, TruncatedOrGarbageWheelsAreInputErrors) {
    std::vector<fs::path> bad = {
        write_zip("half.whl", m_bytes.substr(0, m_bytes.size() / 2)),
        write_zip("short.whl", m_bytes.substr(0, m_bytes.size() - 10)),
        write_zip("garbage.whl", std::string(500, 'x')),
        write_zip("empty.whl", ""),
    };
    for (const auto& wheel : bad) {
        auto entries = list_entries(wheel);
        ASSERT_FALSE(entries) << wheel << " was listed";
        EXPECT_EQ(entries.error().kind, util::ErrorKind::Input) << entries.error().message;
        EXPECT_NE(entries.error().message.find(wheel.string()), std::string::npos) << entries.error().message;
        EXPECT_FALSE(read_member(wheel, "pkg/__init__.py"));
        EXPECT_FALSE(verify_record(wheel));
        EXPECT_FALSE(extract_wheel(wheel, m_dir / ("dest-" + wheel.stem().string())));
    }
}

TEST_F(WheelReaderTest, CorruptMemberDataIsRefused) {
    std::string bytes = m_bytes;
    // The first member's compressed data starts after its 30-byte header and its name.
    size_t data = 30 + std::string("pkg/__init__.py").size();
    bytes[data + 2] = static_cast<char>(bytes[data + 2] ^ 0x55);
    fs::path wheel = write_zip("corrupt.whl", bytes);
    auto content = read_member(wheel, "pkg/__init__.py");
    ASSERT_FALSE(content) << "read corrupt data: " << *content;
    EXPECT_EQ(content.error().kind, util::ErrorKind::Input);
    EXPECT_NE(content.error().message.find("pkg/__init__.py"), std::string::npos) << content.error().message;
    EXPECT_FALSE(verify_record(wheel));
}

TEST_F(WheelReaderTest, VerifyRecordAcceptsTheWrittenWheel) {
    auto ok = verify_record(m_wheel);
    EXPECT_TRUE(ok) << ok.error().message;
}

TEST_F(WheelReaderTest, TamperedMemberFailsVerifyRecord) {
    fs::path wheel = write_zip("tampered.whl", make_zip(members_with("pkg/sub/data.txt", "DATA\n")));
    ASSERT_TRUE(read_member(wheel, "pkg/sub/data.txt"));  // a well-formed zip
    auto ok = verify_record(wheel);
    ASSERT_FALSE(ok);
    EXPECT_EQ(ok.error().kind, util::ErrorKind::Integrity);
    EXPECT_NE(ok.error().message.find("'pkg/sub/data.txt'"), std::string::npos) << ok.error().message;
}

TEST_F(WheelReaderTest, UnlistedAndMissingMembersFailVerifyRecord) {
    auto members = members_with("", "");
    members.insert(members.begin(), Member{"pkg/extra.py", "x = 1\n"});
    auto extra = verify_record(write_zip("extra.whl", make_zip(members)));
    ASSERT_FALSE(extra);
    EXPECT_EQ(extra.error().kind, util::ErrorKind::Integrity);
    EXPECT_NE(extra.error().message.find("'pkg/extra.py' is not listed"), std::string::npos) << extra.error().message;

    members = members_with("", "");
    members.erase(members.begin());  // pkg/__init__.py
    auto missing = verify_record(write_zip("missing.whl", make_zip(members)));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::Integrity);
    EXPECT_NE(missing.error().message.find("'pkg/__init__.py'"), std::string::npos) << missing.error().message;
}

TEST_F(WheelReaderTest, ZipWithoutRecordIsRefused) {
    auto ok = verify_record(write_zip("norecord.whl", make_zip({{"pkg/__init__.py", "x"}})));
    ASSERT_FALSE(ok);
    EXPECT_NE(ok.error().message.find("RECORD"), std::string::npos) << ok.error().message;
}

TEST_F(WheelReaderTest, ExtractWritesEveryFileWithItsMode) {
    fs::path dest = m_dir / "site";
    auto ok = extract_wheel(m_wheel, dest);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(slurp(dest / "pkg/__init__.py"), "VALUE = 42\n");
    EXPECT_EQ(slurp(dest / "pkg/sub/data.txt"), "data\n");
    EXPECT_EQ(slurp(dest / "pkg-2.0.dist-info/METADATA"), *read_member(m_wheel, "pkg-2.0.dist-info/METADATA"));
    EXPECT_EQ(fs::status(dest / "pkg/tool.so").permissions(), fs::perms(0755));
    EXPECT_EQ(fs::status(dest / "pkg/__init__.py").permissions(), fs::perms(0644));
    // Nothing but the wheel's top-level entries: the staging directory is gone.
    std::set<std::string> top;
    for (const auto& e : fs::directory_iterator(dest)) top.insert(e.path().filename().string());
    EXPECT_EQ(top, (std::set<std::string>{"pkg", "pkg-2.0.dist-info"}));
    // Extracting again replaces the files in place.
    write_text(dest / "pkg/__init__.py", "changed");
    ASSERT_TRUE(extract_wheel(m_wheel, dest));
    EXPECT_EQ(slurp(dest / "pkg/__init__.py"), "VALUE = 42\n");
}

TEST_F(WheelReaderTest, ExtractRefusesUnsafeNamesBeforeWritingAnything) {
    // libarchive reads a backslash in zip names as '/', so "..\\evil.py" must be caught as "../evil.py".
    const char* unsafe[] = {"../evil.py", "/abs/evil.py", "pkg/../../evil.py", "..\\evil.py", "pkg//evil.py",
                            "./evil.py"};
    for (const char* name : unsafe) {
        fs::path wheel = write_zip("unsafe.whl", make_zip({{"pkg/a.py", "a"}, {name, "evil"}}));
        fs::path dest = m_dir / "dest";
        auto ok = extract_wheel(wheel, dest);
        ASSERT_FALSE(ok) << "extracted " << name;
        EXPECT_EQ(ok.error().kind, util::ErrorKind::Input);
        EXPECT_NE(ok.error().message.find("evil.py'"), std::string::npos) << ok.error().message;
        EXPECT_FALSE(fs::exists(dest / "pkg/a.py")) << name;
        EXPECT_FALSE(fs::exists(m_dir / "evil.py")) << name;
        util::remove_tree_quiet(dest);
    }
}

TEST_F(WheelReaderTest, ExtractRefusesLinksAndDuplicates) {
    std::string zip = make_zip({{"pkg/a.py", "a"}, {"pkg/link", "/etc/passwd"}});
    set_central_mode(zip, "pkg/link", 0120777);
    fs::path wheel = write_zip("link.whl", zip);
    auto entries = list_entries(wheel);
    ASSERT_TRUE(entries) << entries.error().message;
    EXPECT_EQ((*entries)[1].mode & 0170000, 0120000u);
    auto ok = extract_wheel(wheel, m_dir / "dest");
    ASSERT_FALSE(ok);
    EXPECT_NE(ok.error().message.find("'pkg/link'"), std::string::npos) << ok.error().message;
    EXPECT_FALSE(fs::exists(m_dir / "dest/pkg/a.py"));

    auto twice = extract_wheel(write_zip("dup.whl", make_zip({{"a.py", "1"}, {"a.py", "2"}})), m_dir / "dest");
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("twice"), std::string::npos) << twice.error().message;
}

TEST_F(WheelReaderTest, ExtractDoesNotWriteThroughSymlinkedDirectories) {
    fs::path dest = m_dir / "site";
    fs::path outside = m_dir / "outside";
    fs::create_directories(dest);
    fs::create_directories(outside);
    fs::create_directory_symlink(outside, dest / "pkg");
    auto ok = extract_wheel(m_wheel, dest);
    ASSERT_FALSE(ok);
    EXPECT_TRUE(fs::is_empty(outside));
}

TEST_F(WheelReaderTest, PythonCanReadWhatExtractWrote) {
    if (!have_python()) GTEST_SKIP() << "python3 not found";
    fs::path dest = m_dir / "site";
    ASSERT_TRUE(extract_wheel(m_wheel, dest));
    auto r = run_python({"-c", "import sys; sys.path.insert(0, sys.argv[1]); import pkg; print(pkg.VALUE)", dest.string()});
    EXPECT_EQ(r.output, "42\n");
}

}  // namespace
}  // namespace wb::wheel
