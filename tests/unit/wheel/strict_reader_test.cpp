// The farm's own wheels (written by write_wheel) pass the strict reader, and Python's zipfile, the
// reference reader, sees exactly the same members with the same bytes, each matching RECORD.
#include <gtest/gtest.h>

#include "util/hash.hpp"
#include "wheel/wheel_reader.hpp"
#include "wheel/wheel_writer.hpp"
#include "wheel_test_support.hpp"

namespace wb::wheel {
namespace {

using namespace testing;

constexpr const char* k_python_listing = R"(
import base64, csv, hashlib, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
record = next(n for n in names if n.endswith(".dist-info/RECORD"))
rows = {r[0]: (r[1], r[2]) for r in csv.reader(io.StringIO(z.read(record).decode()))}
assert set(rows) == set(names), set(rows) ^ set(names)
for n in names:
    data = z.read(n)
    if n != record:
        digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert rows[n] == (digest, str(len(data))), (n, rows[n])
    print(n, len(data), hashlib.sha256(data).hexdigest())
)";

TEST(StrictReader, OwnWheelsReadTheSameInPythonAndMatchRecordExactly) {
    if (!have_python()) GTEST_SKIP() << "python3 not found";
    TempDir dir;
    write_text(dir / "staged/pkg/__init__.py", "VALUE = 1\n");
    write_text(dir / "staged/pkg/_ext.so", std::string(5000, '\x7f'), fs::perms(0755));
    write_text(dir / "staged/pkg/données/ünïcode.txt", "utf-8 names\n");
    write_text(dir / "staged/pkg/sub/deeper/data.json", "{}\n");
    WheelSpec spec;
    spec.name = "Pkg-Name";
    spec.version = "1.0.post1";
    spec.tag = specs::WheelTag::pure_python();
    spec.requires_dist = {"numpy>=1.19"};
    auto wheel = write_wheel(dir / "staged", spec, dir / "out", 1700000000);
    ASSERT_TRUE(wheel) << wheel.error().message;

    auto entries = list_entries(*wheel);
    ASSERT_TRUE(entries) << entries.error().message;
    auto record = verify_record(*wheel);
    ASSERT_TRUE(record) << record.error().message;
    std::string ours;
    for (const auto& e : *entries) {
        auto content = read_member(*wheel, e.name);
        ASSERT_TRUE(content) << content.error().message;
        ours += e.name + " " + std::to_string(content->size()) + " " + util::sha256_hex(*content) + "\n";
    }
    auto python = run_python({"-c", k_python_listing, wheel->string()});
    ASSERT_EQ(python.exit_code, 0) << python.output;
    EXPECT_EQ(python.output, ours);
}

}  // namespace
}  // namespace wb::wheel
