#include <gtest/gtest.h>

#include <algorithm>

#include "engine/wheel_step.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_platforms.hpp"
#include "wheel/wheel_writer.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

class WheelStepTest : public wb::test::TempDirTest {
protected:
    fs::path site() const { return dir() / "site"; }
    fs::path tests() const { return dir() / "tests"; }
    void files(std::initializer_list<const char*> paths) {
        for (const char* p : paths) write(site() / p, std::string("# ") + p + "\n");
    }
    /// Every regular file under root, relative, sorted.
    static std::vector<std::string> tree(const fs::path& root) {
        std::vector<std::string> out;
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
            if (it->is_regular_file()) out.push_back(fs::relative(it->path(), root).generic_string());
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(WheelStepTest, UnvendorTestsMovesTestDirectoriesAndModulesKeepingTheirPaths) {
    files({"pkg/__init__.py", "pkg/testing.py", "pkg/tests/__init__.py", "pkg/tests/test_a.py", "pkg/tests/conftest.py",
           "pkg/test/data.txt", "pkg/sub/core.py", "pkg/sub/test_b.py", "pkg/sub/b_test.py", "pkg/sub/conftest.py",
           "pkg/sub/test_data.json", "pkg/test_helpers/util.py", "pkg-1.0.dist-info/METADATA",
           "pkg-1.0.dist-info/tests/notes.txt"});
    auto moved = unvendor_tests(site(), tests());
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(*moved, 4u);  // pkg/tests, pkg/test, test_b.py, b_test.py
    EXPECT_EQ(tree(tests()), (std::vector<std::string>{"pkg/sub/b_test.py", "pkg/sub/test_b.py", "pkg/test/data.txt",
                                                       "pkg/tests/__init__.py", "pkg/tests/conftest.py",
                                                       "pkg/tests/test_a.py"}));
    EXPECT_EQ(tree(site()), (std::vector<std::string>{"pkg-1.0.dist-info/METADATA", "pkg-1.0.dist-info/tests/notes.txt",
                                                      "pkg/__init__.py", "pkg/sub/conftest.py", "pkg/sub/core.py",
                                                      "pkg/sub/test_data.json", "pkg/test_helpers/util.py",
                                                      "pkg/testing.py"}));
    EXPECT_EQ(read(tests() / "pkg/tests/test_a.py"), "# pkg/tests/test_a.py\n");
}

TEST_F(WheelStepTest, UnvendorTestsWithNoTestsMovesNothing) {
    files({"pkg/__init__.py", "pkg/core.py"});
    auto moved = unvendor_tests(site(), tests());
    ASSERT_TRUE(moved);
    EXPECT_EQ(*moved, 0u);
    EXPECT_FALSE(fs::exists(tests()));
    EXPECT_EQ(tree(site()).size(), 2u);
}

TEST_F(WheelStepTest, ForeignExtensionsAreThoseBuiltForAnotherTarget) {
    platform::Platform p = fakes::make_platform("a", "3.14");
    files({"pkg/_ok.cpython-314-wasm32-emscripten.so", "pkg/_host.cpython-314-x86_64-linux-gnu.so",
           "pkg/_other.cpython-313-wasm32-emscripten.so", "pkg/libhelper.so", "pkg/plain.so", "pkg/data.txt",
           "pkg/_arch.x86_64.so"});
    auto foreign = foreign_extensions(site(), p);
    std::sort(foreign.begin(), foreign.end());
    EXPECT_EQ(foreign, (std::vector<std::string>{
                           "pkg/_arch.x86_64.so (expected the suffix .cpython-314-wasm32-emscripten.so)",
                           "pkg/_host.cpython-314-x86_64-linux-gnu.so (expected the suffix "
                           ".cpython-314-wasm32-emscripten.so)",
                           "pkg/_other.cpython-313-wasm32-emscripten.so (expected the suffix "
                           ".cpython-314-wasm32-emscripten.so)"}));
    platform::Platform next = fakes::make_platform("b", "3.13");
    auto for_313 = foreign_extensions(site(), next);
    EXPECT_EQ(for_313.size(), 3u);  // now the 3.14 module is the foreign one
    EXPECT_TRUE(std::any_of(for_313.begin(), for_313.end(),
                            [](const std::string& m) { return m.starts_with("pkg/_ok.cpython-314"); }));
}

}  // namespace
}  // namespace wb::engine

namespace wb::engine {
namespace {

class CheckCrossBuildFilesTest : public wb::test::TempDirTest {};

TEST_F(CheckCrossBuildFilesTest, EveryNamedFileMustBeInTheWheel) {
    write(dir() / "staged/x/_core/include/x/config.h", "#define X 1\n");
    wheel::WheelSpec spec;
    spec.name = "x";
    spec.version = "1.0";
    spec.tag = specs::WheelTag::pure_python();
    auto wheel = wheel::write_wheel(dir() / "staged", spec, dir() / "dist", 0);
    ASSERT_TRUE(wheel) << wheel.error().message;
    recipe::Recipe r;
    r.name = "x";
    r.file = "recipes/x/meta.yaml";
    EXPECT_TRUE(check_cross_build_files(r, *wheel));
    r.cross_build_files = {"x/_core/include/x/config.h"};
    EXPECT_TRUE(check_cross_build_files(r, *wheel));
    r.cross_build_files.push_back("x/_core/lib/libxmath.a");
    auto missing = check_cross_build_files(r, *wheel);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("recipes/x/meta.yaml: build.cross-build-files names "
                                           "x/_core/lib/libxmath.a, which is not in x-1.0-py3-none-any.whl"),
              std::string::npos)
        << missing.error().message;
}

}  // namespace
}  // namespace wb::engine
