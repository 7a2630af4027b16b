#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "toolchain/apt_sources.hpp"

namespace wb::toolchain {
namespace {

TEST(Deb822, TakesTheFirstDebStanzaWithItsKeyringFile) {
    auto s = archive_from_deb822("Types: deb deb-src\n"
                                 "URIs: http://archive.test/debian http://mirror.test/debian\n"
                                 "Suites: sid\n"
                                 "Components: main\n"
                                 "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->uri, "http://archive.test/debian");
    EXPECT_EQ(s->keyring, "/usr/share/keyrings/debian-archive-keyring.gpg");
}

TEST(Deb822, SkipsSecurityDisabledAndSourceOnlyStanzas) {
    auto s = archive_from_deb822("Types: deb\n"
                                 "URIs: http://security.test/debian-security\n"
                                 "Suites: bookworm-security\n"
                                 "\n"
                                 "# a disabled mirror\n"
                                 "Types: deb\n"
                                 "URIs: http://disabled.test/debian\n"
                                 "Enabled: no\n"
                                 "\n"
                                 "Types: deb-src\n"
                                 "URIs: http://sources.test/debian\n"
                                 "\n"
                                 "types: deb\n"
                                 "uris: http://archive.test/debian\n"
                                 "enabled: yes\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->uri, "http://archive.test/debian");
    EXPECT_EQ(s->keyring, "");
}

TEST(Deb822, AnInlineKeyIsNotAKeyringFile) {
    auto s = archive_from_deb822("Types: deb\n"
                                 "URIs: http://archive.test/debian\n"
                                 "Signed-By:\n"
                                 " -----BEGIN PGP PUBLIC KEY BLOCK-----\n"
                                 " Comment: not a field: of this stanza\n"
                                 " .\n"
                                 " mQINBGPL0BUBEADmW5NdOOHwPIJlgPu6JDcKw/NZJPR8lsD3K87ZM18gzyQZJD+w\n"
                                 " -----END PGP PUBLIC KEY BLOCK-----\n"
                                 "Suites: sid\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->uri, "http://archive.test/debian");
    EXPECT_EQ(s->keyring, "");
}

TEST(Deb822, NothingUsable) {
    EXPECT_FALSE(archive_from_deb822(""));
    EXPECT_FALSE(archive_from_deb822("Types: deb\nURIs: http://security.debian.org/debian-security\n"));
    EXPECT_FALSE(archive_from_deb822("Types: deb\nEnabled: no\nURIs: http://archive.test/debian\n"));
}

TEST(OneLine, ReadsTheFirstDebLineAndItsSignedByOption) {
    auto s = archive_from_one_line("# deb http://commented.test/debian sid main\n"
                                   "deb-src http://sources.test/debian sid main\n"
                                   "deb http://security.test/debian-security bookworm-security main\n"
                                   "deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] http://archive.test/debian sid main\n"
                                   "deb http://later.test/debian sid main\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->uri, "http://archive.test/debian");
    EXPECT_EQ(s->keyring, "/usr/share/keyrings/k.gpg");
}

TEST(OneLine, OptionsInAnyPlaceOfTheBrackets) {
    auto first = archive_from_one_line("deb [signed-by=/k.gpg arch=amd64] http://a.test/debian sid main\n");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->uri, "http://a.test/debian");
    EXPECT_EQ(first->keyring, "/k.gpg");
    auto spaced = archive_from_one_line("deb [ arch=amd64 signed-by=/k.gpg ] http://a.test/debian sid main\n");
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->uri, "http://a.test/debian");
    EXPECT_EQ(spaced->keyring, "/k.gpg");
    auto none = archive_from_one_line("deb [trusted=yes] http://a.test/debian sid main\n");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->uri, "http://a.test/debian");
    EXPECT_EQ(none->keyring, "");
    auto plain = archive_from_one_line("deb http://a.test/debian sid main\n");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->keyring, "");
    EXPECT_FALSE(archive_from_one_line("deb-src http://a.test/debian sid main\n"));
}

class MachineArchive : public test::TempDirTest {};

TEST_F(MachineArchive, Deb822FilesComeFirstThenSourcesList) {
    write(dir() / "sources.list", "deb http://one-line.test/debian sid main\n");
    write(dir() / "sources.list.d/a-security.sources", "Types: deb\nURIs: http://security.test/debian-security\n");
    write(dir() / "sources.list.d/b.sources", "Types: deb\nURIs: http://deb822.test/debian\n");
    write(dir() / "sources.list.d/c.list", "deb http://ignored.test/debian sid main\n");
    auto s = machine_archive(dir());
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->uri, "http://deb822.test/debian");
    std::filesystem::remove(dir() / "sources.list.d/b.sources");
    auto fallback = machine_archive(dir());
    ASSERT_TRUE(fallback) << fallback.error().message;
    EXPECT_EQ(fallback->uri, "http://one-line.test/debian");
}

TEST_F(MachineArchive, NoArchiveIsAUsageError) {
    auto s = machine_archive(dir());
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(s.error().message.find(dir().string() + "/sources.list"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace wb::toolchain
