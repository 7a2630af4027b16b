#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "toolchain/root_store.hpp"

namespace wb::toolchain {
namespace {

class InstalledManifest : public test::TempDirTest {};

TEST_F(InstalledManifest, ListsInstalledPackagesSortedFromDpkgStatus) {
    write(dir() / "var/lib/dpkg/status",
          "Package: zlib1g\n"
          "Status: install ok installed\n"
          "Architecture: amd64\n"
          "Version: 1:1.3.dfsg-3\n"
          "Description: compression library\n"
          " Version: 9 (a continuation line, not a field)\n"
          "\n"
          "Package: old-tool\n"
          "Status: deinstall ok config-files\n"
          "Version: 1.0\n"
          "\n"
          "Package: broken\n"
          "Status: install reinstreq half-installed\n"
          "Version: 2.0\n"
          "\n"
          "Package: gone\n"
          "Status: purge ok not-installed\n"
          "Version: 3.0\n"
          "\n"
          "Version: 14.2\n"
          "Package: base-files\n"
          "Status: install ok installed\n");  // no blank line at the end; fields in another order
    auto m = installed_manifest(dir());
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(*m, (std::vector<std::string>{"base-files=14.2", "zlib1g=1:1.3.dfsg-3"}));
}

TEST_F(InstalledManifest, NoStatusFileIsAnError) {
    auto m = installed_manifest(dir());
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("var/lib/dpkg/status"), std::string::npos) << m.error().message;
}

}  // namespace
}  // namespace wb::toolchain
