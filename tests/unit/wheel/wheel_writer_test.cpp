#include "wheel/wheel_writer.hpp"

#include <gtest/gtest.h>

#include "wheel/record.hpp"
#include "wheel/wheel_reader.hpp"
#include "wheel_test_support.hpp"

namespace wb::wheel {
namespace {

using namespace testing;

constexpr int64_t k_epoch = 1700000000;  // 2023-11-14T22:13:20Z

class WheelWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        fs::path s = staged();
        write_text(s / "demo_pkg/__init__.py", "VALUE = 42\n");
        write_text(s / "demo_pkg/_ext.cpython-311-wasm32-emscripten.so", std::string("\0asm\1\0\0\0", 8),
                   fs::perms(0755));
        std::string big;
        for (int i = 0; i < 2000; ++i) big += "line " + std::to_string(i % 17) + "\n";
        write_text(s / "demo_pkg/data/big.txt", big);
        write_text(s / "demo_pkg/__pycache__/__init__.cpython-311.pyc", "bytecode");
        write_text(s / "demo_pkg.egg-info/PKG-INFO", "Name: demo");
        write_text(s / "demo_pkg-0.9.dist-info/RECORD", "stale");
        write_text(s / "top.py", "import demo_pkg\n");
        fs::create_symlink("__init__.py", s / "demo_pkg/link.py");
        m_spec.name = "demo-pkg";
        m_spec.version = "1.0.0";
        m_spec.tag = specs::WheelTag::pure_python();
        m_spec.root_is_purelib = true;
        m_spec.requires_dist = {"numpy (>=1.19)"};
        m_spec.summary = "A demo";
        m_spec.license = "MIT";
        m_spec.requires_python = ">=3.11";
    }

    fs::path staged() const { return m_dir / "staged"; }

    fs::path write(const fs::path& out, int64_t epoch = k_epoch) {
        auto wheel = write_wheel(staged(), m_spec, out, epoch);
        EXPECT_TRUE(wheel) << wheel.error().message;
        return wheel ? *wheel : fs::path();
    }

    TempDir m_dir;
    WheelSpec m_spec;
};

TEST_F(WheelWriterTest, WritesUnderTheWheelFileName) {
    fs::path wheel = write(m_dir / "out");
    EXPECT_EQ(wheel, m_dir / "out" / "demo_pkg-1.0.0-py3-none-any.whl");
    EXPECT_TRUE(fs::is_regular_file(wheel));
    // Only the wheel: no temporary file left beside it.
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir / "out"), fs::directory_iterator()), 1);
}

TEST_F(WheelWriterTest, MembersAreSortedWithDistInfoLastAndModesNormalized) {
    auto entries = list_entries(write(m_dir / "out"));
    ASSERT_TRUE(entries) << entries.error().message;
    std::vector<std::string> names;
    for (const auto& e : *entries) names.push_back(e.name);
    std::vector<std::string> expected = {
        "demo_pkg/__init__.py",
        "demo_pkg/_ext.cpython-311-wasm32-emscripten.so",
        "demo_pkg/data/big.txt",
        "demo_pkg/link.py",
        "top.py",
        "demo_pkg-1.0.0.dist-info/METADATA",
        "demo_pkg-1.0.0.dist-info/WHEEL",
        "demo_pkg-1.0.0.dist-info/RECORD",
    };
    EXPECT_EQ(names, expected);
    for (const auto& e : *entries) {
        uint32_t want = e.name.ends_with(".so") ? 0100755 : 0100644;
        EXPECT_EQ(e.mode, want) << e.name;
    }
    EXPECT_EQ((*entries)[2].size, slurp(staged() / "demo_pkg/data/big.txt").size());
}

TEST_F(WheelWriterTest, SymlinksAreStoredAsTheirTargetContent) {
    fs::path wheel = write(m_dir / "out");
    auto link = read_member(wheel, "demo_pkg/link.py");
    ASSERT_TRUE(link) << link.error().message;
    EXPECT_EQ(*link, "VALUE = 42\n");
}

TEST_F(WheelWriterTest, DistInfoHoldsMetadataAndWheelFiles) {
    fs::path wheel = write(m_dir / "out");
    auto metadata = read_member(wheel, "demo_pkg-1.0.0.dist-info/METADATA");
    ASSERT_TRUE(metadata) << metadata.error().message;
    EXPECT_EQ(*metadata, *make_metadata(m_spec));
    EXPECT_NE(metadata->find("Requires-Dist: numpy>=1.19\n"), std::string::npos) << *metadata;
    auto info = read_member(wheel, "demo_pkg-1.0.0.dist-info/WHEEL");
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(*info, "Wheel-Version: 1.0\nGenerator: wasm-build\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
}

TEST_F(WheelWriterTest, RecordCoversEveryMemberAndVerifies) {
    fs::path wheel = write(m_dir / "out");
    auto ok = verify_record(wheel);
    EXPECT_TRUE(ok) << ok.error().message;
    auto text = read_member(wheel, "demo_pkg-1.0.0.dist-info/RECORD");
    ASSERT_TRUE(text);
    auto record = parse_record(*text, "RECORD");
    ASSERT_TRUE(record) << record.error().message;
    ASSERT_EQ(record->size(), 8u);
    EXPECT_EQ(record->back(), (RecordEntry{"demo_pkg-1.0.0.dist-info/RECORD", "", std::nullopt}));
    EXPECT_EQ((*record)[0].path, "demo_pkg/__init__.py");
    EXPECT_EQ((*record)[0].size, 11u);
}

TEST_F(WheelWriterTest, TwoRunsGiveIdenticalBytes) {
    std::string first = slurp(write(m_dir / "a"));
    std::string second = slurp(write(m_dir / "b"));
    ASSERT_FALSE(first.empty());
    EXPECT_TRUE(first == second) << "wheels differ";
    // The timestamp is really written: another epoch gives other bytes.
    EXPECT_FALSE(first == slurp(write(m_dir / "c", k_epoch + 3600)));
}

TEST_F(WheelWriterTest, SameTreeElsewhereGivesIdenticalBytes) {
    // A copy is created in another order and lives at another path; neither may leak into the wheel.
    fs::path copy = m_dir / "copy";
    ASSERT_TRUE(util::copy_tree(staged(), copy));
    fs::last_write_time(copy / "top.py", fs::file_time_type::clock::now() - std::chrono::hours(48));
    auto other = write_wheel(copy, m_spec, m_dir / "b", k_epoch);
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_TRUE(slurp(write(m_dir / "a")) == slurp(*other)) << "wheels differ";
}

TEST_F(WheelWriterTest, InvalidSpecWritesNothing) {
    m_spec.version = "1.x";
    auto wheel = write_wheel(staged(), m_spec, m_dir / "out", k_epoch);
    ASSERT_FALSE(wheel);
    EXPECT_EQ(wheel.error().kind, util::ErrorKind::Input);
    EXPECT_NE(wheel.error().message.find("'1.x'"), std::string::npos) << wheel.error().message;
    EXPECT_TRUE(!fs::exists(m_dir / "out") || fs::is_empty(m_dir / "out"));
}

TEST_F(WheelWriterTest, DanglingSymlinkFailsWithoutLeavingAFile) {
    fs::create_symlink("missing.py", staged() / "demo_pkg/broken.py");
    auto wheel = write_wheel(staged(), m_spec, m_dir / "out", k_epoch);
    ASSERT_FALSE(wheel);
    EXPECT_NE(wheel.error().message.find("broken.py"), std::string::npos) << wheel.error().message;
    EXPECT_TRUE(fs::is_empty(m_dir / "out"));
}

TEST_F(WheelWriterTest, SymlinkLoopIsRefused) {
    fs::create_directory_symlink("..", staged() / "demo_pkg/data/up");
    auto wheel = write_wheel(staged(), m_spec, m_dir / "out", k_epoch);
    ASSERT_FALSE(wheel);
    EXPECT_NE(wheel.error().message.find("loop"), std::string::npos) << wheel.error().message;
}

TEST_F(WheelWriterTest, PythonZipfileReadsAndTestsTheWheel) {
    if (!have_python()) GTEST_SKIP() << "python3 not found";
    fs::path wheel = write(m_dir / "out");
    auto tested = run_python({"-m", "zipfile", "-t", wheel.string()});
    EXPECT_EQ(tested.exit_code, 0) << tested.output;
    // Every member: fixed date, Unix mode, no extra field; RECORD checked with hashlib.
    const char* script = R"PY(
import base64, csv, hashlib, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    assert i.date_time == (2023, 11, 14, 22, 13, 20), (i.filename, i.date_time)
    assert i.create_system == 3 and i.extra == b'' and i.compress_type == zipfile.ZIP_DEFLATED, i.filename
    assert (i.external_attr >> 16) in (0o100644, 0o100755), (i.filename, oct(i.external_attr >> 16))
record = [n for n in z.namelist() if n.endswith('.dist-info/RECORD')][0]
rows = list(csv.reader(io.StringIO(z.read(record).decode())))
assert sorted(r[0] for r in rows) == sorted(z.namelist()), rows
for path, digest, size in rows:
    if path == record:
        assert digest == '' and size == ''
        continue
    data = z.read(path)
    want = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    assert digest == want and int(size) == len(data), path
print('ok')
)PY";
    auto checked = run_python({"-c", script, wheel.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.output;
    EXPECT_NE(checked.output.find("ok"), std::string::npos) << checked.output;
}

TEST_F(WheelWriterTest, TimestampsBefore1980AreClamped) {
    if (!have_python()) GTEST_SKIP() << "python3 not found";
    fs::path wheel = write(m_dir / "out", 0);
    auto r = run_python({"-c",
                         "import sys, zipfile\n"
                         "assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(sys.argv[1]).infolist())",
                         wheel.string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(WheelWriterTest, PipInstallsThePurePythonWheel) {
    if (!have_python() || run_python({"-m", "pip", "--version"}).exit_code != 0) GTEST_SKIP() << "pip not available";
    fs::path wheel = write(m_dir / "out");
    fs::path target = m_dir / "site";
    auto installed = run_python({"-m", "pip", "install", "--no-deps", "--no-index", "--no-compile", "--target",
                                 target.string(), wheel.string()});
    ASSERT_EQ(installed.exit_code, 0) << installed.output;
    EXPECT_TRUE(fs::is_regular_file(target / "demo_pkg/__init__.py"));
    EXPECT_TRUE(fs::is_regular_file(target / "demo_pkg-1.0.0.dist-info/METADATA"));
    auto imported = run_python({"-c", "import sys; sys.path.insert(0, sys.argv[1]); import demo_pkg; print(demo_pkg.VALUE)",
                                target.string()});
    EXPECT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_EQ(imported.output, "42\n");
}

TEST_F(WheelWriterTest, ExtensionTagNamesTheWheel) {
    m_spec.tag = specs::WheelTag::emscripten_extension();
    m_spec.root_is_purelib = false;
    fs::path wheel = write(m_dir / "out");
    EXPECT_EQ(wheel.filename(), "demo_pkg-1.0.0-cp311-cp311-emscripten_3_1_6_wasm32.whl");
    auto info = read_member(wheel, "demo_pkg-1.0.0.dist-info/WHEEL");
    ASSERT_TRUE(info);
    EXPECT_NE(info->find("Root-Is-Purelib: false\nTag: cp311-cp311-emscripten_3_1_6_wasm32\n"), std::string::npos);
}

}  // namespace
}  // namespace wb::wheel
