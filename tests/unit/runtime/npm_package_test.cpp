#include <gtest/gtest.h>

#include "fakes/fake_process_runner.hpp"
#include "fakes/temp_dir.hpp"
#include "runtime/npm_package.hpp"

namespace wb::runtime {
namespace {
namespace fs = std::filesystem;

const std::string k_hello = "sha512-58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ==";
const std::string k_empty = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";

class NpmPackageTest : public test::TempDirTest {
protected:
    platform::RuntimePackage pyodide() const { return {"pyodide", "1.2.3", k_empty, "3.14.2", "5.0.3"}; }
};

TEST_F(NpmPackageTest, IntegrityIsNpmsSha512Form) {
    write(dir() / "hello.txt", "hello\n");
    write(dir() / "empty.txt", "");
    EXPECT_EQ(*npm_integrity(dir() / "hello.txt"), k_hello);
    EXPECT_EQ(*npm_integrity(dir() / "empty.txt"), k_empty);
    EXPECT_FALSE(npm_integrity(dir() / "missing.txt"));
}

TEST_F(NpmPackageTest, ATarballWithAnotherIntegrityIsNotUsed) {
    fakes::FakeProcessRunner npm([](const util::Command& c) {
        // `npm pack NAME@VERSION --pack-destination DIR`: the tarball appears in DIR.
        test::TempDirTest::write(fs::path(c.argv.at(4)) / "pyodide-1.2.3.tgz", "hello\n");
        return util::Expected<util::ProcessResult>(util::ProcessResult{});
    });
    NpmPackages packages(dir() / "runtimes", npm, false);
    auto got = packages.ensure(pyodide());
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().kind, util::ErrorKind::Integrity);
    EXPECT_EQ(got.error().message, "pyodide@1.2.3: the registry's tarball has integrity " + k_hello +
                                       ", the platform pins " + k_empty + "; nothing of it was used");
    ASSERT_EQ(npm.commands().size(), 1u);
    EXPECT_EQ(npm.commands()[0].argv[0], "npm");
    EXPECT_EQ(npm.commands()[0].argv[2], "pyodide@1.2.3");
    EXPECT_FALSE(fs::exists(packages.dir_for(pyodide())));
    // Only the lock file of the attempt is left.
    for (const auto& e : fs::directory_iterator(dir() / "runtimes")) EXPECT_EQ(e.path().extension(), ".lock") << e.path();
}

TEST_F(NpmPackageTest, OfflineItFetchesNothing) {
    fakes::FakeProcessRunner npm;
    NpmPackages packages(dir() / "runtimes", npm, true);
    auto got = packages.ensure(pyodide());
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().kind, util::ErrorKind::Network);
    EXPECT_TRUE(npm.commands().empty());
}

TEST_F(NpmPackageTest, EachIntegrityHasItsOwnDirectory) {
    fakes::FakeProcessRunner npm;
    NpmPackages packages(dir() / "runtimes", npm, false);
    auto other = pyodide();
    other.integrity = k_hello;
    EXPECT_NE(packages.dir_for(pyodide()), packages.dir_for(other));
    EXPECT_EQ(packages.dir_for(pyodide()).parent_path(), dir() / "runtimes");
    EXPECT_EQ(packages.dir_for(pyodide()).filename().string().rfind("pyodide-1.2.3-", 0), 0u);
}

}  // namespace
}  // namespace wb::runtime
