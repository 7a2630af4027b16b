#include "archive/unpack.hpp"

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstring>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "archive_builder.hpp"
#include "fakes/temp_dir.hpp"

namespace wb::archive {
namespace {
namespace fs = std::filesystem;
using test::ArchiveBuilder;
using util::ErrorKind;

/// Layout: <tmp>/work/ holds the archive and the destination, <tmp>/outside/ is what an escaping
/// entry would reach; both must stay as they were after a refusal.
class UnpackTest : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        fs::create_directories(work());
        fs::create_directories(outside());
        write(outside() / "victim.txt", "original");
    }
    fs::path work() const { return dir() / "work"; }
    fs::path outside() const { return dir() / "outside"; }
    fs::path archive_path(const std::string& name = "a.tar.gz") const { return work() / name; }
    fs::path dest() const { return work() / "dest"; }

    /// Asserts that unpacking failed with an Input error mentioning every needle, and that nothing
    /// was left: no dest, no temp dir, outside/ untouched.
    void expect_refused(const util::Expected<UnpackResult>& result, std::vector<std::string> needles) {
        ASSERT_FALSE(result) << "unpacked although it should have been refused";
        EXPECT_EQ(result.error().kind, ErrorKind::Input) << result.error().message;
        for (const auto& needle : needles) {
            EXPECT_NE(result.error().message.find(needle), std::string::npos)
                << "'" << needle << "' missing from: " << result.error().message;
        }
        EXPECT_FALSE(fs::exists(fs::symlink_status(dest())));
        for (const auto& entry : fs::directory_iterator(work())) {
            std::string name = entry.path().filename().string();
            EXPECT_TRUE(entry.is_regular_file() && name[0] != '.') << "left next to the destination: " << name;
        }
        EXPECT_EQ(count_entries(outside()), 1u);
        EXPECT_EQ(read(outside() / "victim.txt"), "original");
    }

    static unsigned mode_of(const fs::path& path) {
        struct stat st {};
        ::lstat(path.c_str(), &st);
        return st.st_mode & 07777;
    }
};

TEST_F(UnpackTest, BenignTarballWithOneRootIsStripped) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz)
        .dir("pkg-1.0/")
        .file("pkg-1.0/setup.py", "print('setup')\n")
        .dir("pkg-1.0/src/", 0700)
        .file("pkg-1.0/src/a.c", "int a;\n", 0600)
        .file("pkg-1.0/configure", "#!/bin/sh\n", 0775)
        .symlink("pkg-1.0/link.c", "src/a.c")
        .hardlink("pkg-1.0/src/b.c", "pkg-1.0/src/a.c");
    auto result = unpack(archive_path(), dest(), {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->root, dest() / "pkg-1.0");
    EXPECT_EQ(result->entries, 7u);
    EXPECT_EQ(result->bytes, std::string("print('setup')\n").size() + 7 + 10);
    EXPECT_EQ(read(result->root / "setup.py"), "print('setup')\n");
    EXPECT_EQ(read(result->root / "link.c"), "int a;\n");
    EXPECT_EQ(fs::read_symlink(result->root / "link.c"), "src/a.c");
    EXPECT_EQ(read(result->root / "src" / "b.c"), "int a;\n");
    EXPECT_EQ(mode_of(result->root / "configure"), 0755u);
    EXPECT_EQ(mode_of(result->root / "src" / "a.c"), 0644u);
    EXPECT_EQ(mode_of(result->root / "src"), 0755u);
    EXPECT_EQ(count_entries(work()), 1u + 1u + count_entries(dest()));
}

TEST_F(UnpackTest, WithoutStrippingOrWithSeveralRootsTheRootIsDest) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/a", "a");
    auto kept = unpack(archive_path(), dest(), {}, false);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept->root, dest());
    EXPECT_TRUE(fs::exists(dest() / "pkg" / "a"));

    ArchiveBuilder(archive_path("two.tar"), ArchiveBuilder::Format::Tar).file("a/x", "x").file("b", "y");
    auto two = unpack(archive_path("two.tar"), work() / "dest2", {});
    ASSERT_TRUE(two) << two.error().message;
    EXPECT_EQ(two->root, work() / "dest2");
}

TEST_F(UnpackTest, XzBzip2AndZipAreRecognisedByContent) {
    struct Case {
        std::string file;
        ArchiveBuilder::Format format;
    };
    for (const auto& c : {Case{"s.bin", ArchiveBuilder::Format::TarXz}, Case{"t.bin", ArchiveBuilder::Format::TarBz2},
                          Case{"u.bin", ArchiveBuilder::Format::Zip}}) {
        ArchiveBuilder(archive_path(c.file), c.format).dir("root/").file("root/data.txt", c.file).file("root/run", "x", 0755);
        fs::path out = work() / ("out-" + c.file);
        auto result = unpack(archive_path(c.file), out, {});
        ASSERT_TRUE(result) << c.file << ": " << result.error().message;
        EXPECT_EQ(result->root, out / "root");
        EXPECT_EQ(read(out / "root" / "data.txt"), c.file);
        EXPECT_EQ(mode_of(out / "root" / "run"), 0755u) << c.file;
    }
}

TEST_F(UnpackTest, RefusesAbsolutePaths) {
    std::string target = (outside() / "abs-evil").string();
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/ok", "ok").file(target, "evil");
    expect_refused(unpack(archive_path(), dest(), {}), {archive_path().string(), "'" + target + "'", "absolute"});
}

TEST_F(UnpackTest, ARefusedNameIsPrintedWithoutItsControlBytes) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/ok", "ok").file("../\x1b[2Jevil", "x");
    auto result = unpack(archive_path(), dest(), {});
    expect_refused(result, {"entry '../\\x1b[2Jevil'"});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message.find('\x1b'), std::string::npos) << result.error().message;
}

TEST_F(UnpackTest, RefusesDotDotEntries) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/ok", "ok").file("../outside/evil", "evil");
    expect_refused(unpack(archive_path(), dest(), {}),
                   {archive_path().string(), "entry '../outside/evil' escapes the destination"});

    ArchiveBuilder(archive_path("b.tar"), ArchiveBuilder::Format::Tar).file("pkg/../../outside/evil", "evil");
    expect_refused(unpack(archive_path("b.tar"), dest(), {}), {"pkg/../../outside/evil", "escapes"});
}

TEST_F(UnpackTest, RefusesDotDotInZip) {
    ArchiveBuilder(archive_path("z.zip"), ArchiveBuilder::Format::Zip).file("../../outside/evil", "evil");
    expect_refused(unpack(archive_path("z.zip"), dest(), {}), {"z.zip", "escapes the destination"});
}

TEST_F(UnpackTest, RefusesASymlinkOutAndAFileWrittenThroughIt) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz)
        .symlink("pkg/link", "../../../outside")
        .file("pkg/link/victim.txt", "overwritten");
    expect_refused(unpack(archive_path(), dest(), {}), {"entry 'pkg/link'", "outside the destination"});

    ArchiveBuilder(archive_path("abs.tar"), ArchiveBuilder::Format::Tar)
        .symlink("pkg/link", outside().string())
        .file("pkg/link/victim.txt", "overwritten");
    expect_refused(unpack(archive_path("abs.tar"), dest(), {}), {"entry 'pkg/link'", "absolute"});
}

TEST_F(UnpackTest, RefusesWritingThroughAnySymlink) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz)
        .dir("pkg/real/")
        .symlink("pkg/alias", "real")
        .file("pkg/alias/x", "through the link");
    expect_refused(unpack(archive_path(), dest(), {}), {"entry 'pkg/alias/x'", "through the symlink 'pkg/alias'"});
}

TEST_F(UnpackTest, RefusesSymlinkChainsThatLeaveTheTree) {
    // d/up points at the root (allowed); a link through it and one level further up escapes.
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).dir("d/").symlink("d/up", "..").symlink("a", "d/up/..");
    expect_refused(unpack(archive_path(), dest(), {}), {"entry 'a'", "outside the destination"});

    // The same with the entries reversed: only the check after the last entry can see it.
    ArchiveBuilder(archive_path("late.tar"), ArchiveBuilder::Format::Tar).dir("d/").symlink("a", "d/up/..").symlink("d/up", "..");
    expect_refused(unpack(archive_path("late.tar"), dest(), {}), {"entry 'a'", "outside the destination"});
}

TEST_F(UnpackTest, RefusesHardlinksOutOfTheTree) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).hardlink("pkg/passwd", "/etc/passwd");
    expect_refused(unpack(archive_path(), dest(), {}), {"entry 'pkg/passwd'", "hard link to '/etc/passwd'"});

    ArchiveBuilder(archive_path("rel.tar"), ArchiveBuilder::Format::Tar).hardlink("pkg/v", "../outside/victim.txt");
    expect_refused(unpack(archive_path("rel.tar"), dest(), {}), {"entry 'pkg/v'", "escapes the destination"});

    ArchiveBuilder(archive_path("via.tar"), ArchiveBuilder::Format::Tar)
        .dir("pkg/")
        .symlink("pkg/etc", "sub")
        .hardlink("pkg/v", "pkg/etc/victim.txt");
    expect_refused(unpack(archive_path("via.tar"), dest(), {}), {"entry 'pkg/v'", "symlink 'pkg/etc'"});
}

TEST_F(UnpackTest, RefusesDevicesAndFifos) {
    struct Case {
        unsigned type;
        std::string reason;
    };
    for (const auto& c : {Case{AE_IFCHR, "is a character device"}, Case{AE_IFBLK, "is a block device"},
                          Case{AE_IFIFO, "is a FIFO"}}) {
        fs::path file = archive_path("special.tar");
        fs::remove(file);
        ArchiveBuilder(file, ArchiveBuilder::Format::Tar).file("pkg/ok", "ok").special("pkg/node", c.type);
        expect_refused(unpack(file, dest(), {}), {"entry 'pkg/node'", c.reason});
    }
}

TEST_F(UnpackTest, RefusesTooManyEntries) {
    {
        ArchiveBuilder builder(archive_path(), ArchiveBuilder::Format::TarGz);
        for (int i = 0; i < 10; ++i) builder.file("pkg/f" + std::to_string(i), "x");
    }
    UnpackLimits limits;
    limits.max_entries = 5;
    expect_refused(unpack(archive_path(), dest(), limits), {archive_path().string(), "more than 5 entries"});
    limits.max_entries = 10;
    EXPECT_TRUE(unpack(archive_path(), dest(), limits));
}

TEST_F(UnpackTest, RefusesTooManyBytes) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz)
        .file("pkg/a", std::string(600, 'a'))
        .file("pkg/b", std::string(600, 'b'));
    UnpackLimits limits;
    limits.max_total_bytes = 1000;
    expect_refused(unpack(archive_path(), dest(), limits), {"entry 'pkg/b'", "limit of 1000 unpacked bytes"});
    limits.max_total_bytes = 1200;
    auto result = unpack(archive_path(), dest(), limits);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->bytes, 1200u);
}

TEST_F(UnpackTest, ACompressionBombStopsAtTheRatioLimit) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/zeros", std::string(1 << 20, '\0'));
    uint64_t archive_bytes = fs::file_size(archive_path());
    ASSERT_LT(archive_bytes, 10000u);  // a megabyte of zeros squeezes to a few kilobytes
    UnpackLimits limits;
    limits.ratio_floor = 0;
    limits.max_ratio = 50;
    EXPECT_EQ(limits.budget(archive_bytes), archive_bytes * 50);
    expect_refused(unpack(archive_path(), dest(), limits),
                   {"entry 'pkg/zeros'", fmt::format("limit of {} unpacked bytes (50 times the archive's {} bytes",
                                                     archive_bytes * 50, archive_bytes)});
    limits.max_ratio = 1000;
    auto result = unpack(archive_path(), dest(), limits);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->bytes, 1u << 20);
    // The floor lets small archives expand freely; the total caps every archive.
    EXPECT_EQ(UnpackLimits{}.budget(1000), 64ull << 20);
    EXPECT_EQ(UnpackLimits{}.budget(1ull << 30), 4ull << 30);
}

TEST_F(UnpackTest, RefusesTooManyBytesInAZipWithoutTrustingHeaders) {
    ArchiveBuilder(archive_path("big.zip"), ArchiveBuilder::Format::Zip).file("pkg/a", std::string(5000, 'z'));
    UnpackLimits limits;
    limits.max_total_bytes = 1000;
    expect_refused(unpack(archive_path("big.zip"), dest(), limits), {"entry 'pkg/a'", "limit of 1000"});
}

TEST_F(UnpackTest, MasksSetuidSetgidAndStickyBits) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz)
        .dir("pkg/", 01777)
        .file("pkg/suid", "x", 04755)
        .file("pkg/sgid", "x", 02644)
        .file("pkg/world", "x", 0666);
    auto result = unpack(archive_path(), dest(), {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(mode_of(dest() / "pkg"), 0755u);
    EXPECT_EQ(mode_of(dest() / "pkg" / "suid"), 0755u);
    EXPECT_EQ(mode_of(dest() / "pkg" / "sgid"), 0644u);
    EXPECT_EQ(mode_of(dest() / "pkg" / "world"), 0644u);
}

TEST_F(UnpackTest, DestinationMustBeAbsentOrEmpty) {
    ArchiveBuilder(archive_path(), ArchiveBuilder::Format::TarGz).file("pkg/a", "a");
    fs::create_directories(dest());
    ASSERT_TRUE(unpack(archive_path(), dest(), {}));
    auto again = unpack(archive_path(), dest(), {});
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find(dest().string()), std::string::npos);
    EXPECT_EQ(read(dest() / "pkg" / "a"), "a");
}

TEST_F(UnpackTest, NotAnArchiveIsAnInputError) {
    write(archive_path("notes.txt"), "just some text, not an archive\n");
    auto result = unpack(archive_path("notes.txt"), dest(), {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Input);
    EXPECT_NE(result.error().message.find("notes.txt"), std::string::npos);
    EXPECT_FALSE(fs::exists(dest()));
}

TEST_F(UnpackTest, TruncatedArchiveLeavesNothing) {
    {
        ArchiveBuilder builder(archive_path(), ArchiveBuilder::Format::TarGz);
        for (int i = 0; i < 20; ++i) builder.file("pkg/f" + std::to_string(i), std::string(5000, char('a' + i)));
    }
    std::string bytes = read(archive_path());
    write(archive_path(), bytes.substr(0, bytes.size() / 2));
    expect_refused(unpack(archive_path(), dest(), {}), {archive_path().string()});
}

// A write that fails (here: the file size limit, as a full disk would) is an error naming the entry
// and the system's reason, never a short file taken for the source. Forked: the limit is per process.
TEST_F(UnpackTest, AFailedWriteIsAnErrorAndLeavesNothing) {
    std::string big;
    uint32_t x = 1;
    for (int i = 0; i < 300000; ++i) big += static_cast<char>('a' + (x = x * 1103515245u + 12345u) % 26);
    {
        ArchiveBuilder builder(archive_path(), ArchiveBuilder::Format::TarGz);
        builder.file("pkg/small.txt", "fits");
        builder.file("pkg/big.bin", big);
    }
    auto child = [this] {
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit {64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        auto result = unpack(archive_path(), dest(), {});
        bool ok = !result && result.error().kind == ErrorKind::Io &&
                  result.error().message.find("entry 'pkg/big.bin' cannot be written") != std::string::npos &&
                  result.error().message.find(std::strerror(EFBIG)) != std::string::npos &&
                  !fs::exists(fs::symlink_status(dest()));
        if (!ok) std::fprintf(stderr, "%s\n", result ? "unpacked" : result.error().message.c_str());
        std::_Exit(ok ? 0 : 1);
    };
    EXPECT_EXIT(child(), ::testing::ExitedWithCode(0), "");
}

TEST_F(UnpackTest, GnuTarOutputWithLongNamesAndDotEntries) {
    std::string long_dir = "pkg-2.0/" + std::string(120, 'd');
    write(dir() / "tree" / long_dir / "file.txt", "deep");
    write(dir() / "tree" / "pkg-2.0" / "top.txt", "top");
    std::string command = "tar --format=gnu -C " + (dir() / "tree").string() + " -cJf " + archive_path("g.tar.xz").string() + " .";
    ASSERT_EQ(std::system(command.c_str()), 0);
    auto result = unpack(archive_path("g.tar.xz"), dest(), {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->root, dest() / "pkg-2.0");
    EXPECT_EQ(read(dest() / long_dir / "file.txt"), "deep");
    EXPECT_EQ(read(result->root / "top.txt"), "top");
}

TEST_F(UnpackTest, CheckedInHostileTarballIsRefused) {
    fs::path hostile = fs::path(WB_TEST_DATA) / "archives" / "hostile-dotdot.tar.gz";
    ASSERT_TRUE(fs::exists(hostile)) << hostile;
    expect_refused(unpack(hostile, dest(), {}), {"hostile-dotdot.tar.gz", "escapes the destination"});
    EXPECT_FALSE(fs::exists(dir() / "wb-hostile-escaped.txt"));
    EXPECT_FALSE(fs::exists(work() / "wb-hostile-escaped.txt"));
}

}  // namespace
}  // namespace wb::archive
