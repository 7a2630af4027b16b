#include <gtest/gtest.h>

#include "engine/host_packages.hpp"
#include "fakes/temp_dir.hpp"
#include "specs/wheel_name.hpp"
#include "wheel/wheel_writer.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

std::string inside(const std::string& name) { return "/opt/wb/" + name; }

class HostPackagesTest : public wb::test::TempDirTest {
protected:
    /// A build of `name` whose wheel holds the given files.
    BuildResult package(const std::string& name, const std::string& version,
                        std::initializer_list<std::pair<const char*, std::string>> files, bool binary) {
        fs::path staged = dir() / ("staged-" + name);
        for (const auto& [path, content] : files) write(staged / path, content);
        wheel::WheelSpec spec;
        spec.name = name;
        spec.version = version;
        spec.tag = binary ? *specs::WheelTag::parse("cp314-cp314-pyemscripten_2026_0_wasm32")
                          : specs::WheelTag::pure_python();
        spec.root_is_purelib = !binary;
        auto wheel = wheel::write_wheel(staged, spec, dir() / "builds" / name / "dist", 0);
        EXPECT_TRUE(wheel) << wheel.error().message;
        BuildResult r;
        r.name = name;
        r.version = version;
        r.type = "package";
        r.dir = dir() / "builds" / name;
        r.wheels = {{fs::relative(*wheel, r.dir).generic_string(), "", 0}};
        return r;
    }
};

TEST_F(HostPackagesTest, UnpacksEveryPackageAndWritesViewsOnlyForCompiledOnes) {
    BuildResult numpy = package("numpy", "2.4.6",
                                {{"numpy/__init__.py", "import numpy._core\n"},
                                 {"numpy/_core/__init__.py", ""},
                                 {"numpy/_core/_multiarray_umath.cpython-314-wasm32-emscripten.so", "\0asm"},
                                 {"numpy/_core/include/numpy/ndarrayobject.h", "/* wasm32 */\n"},
                                 {"numpy/_core/lib/pkgconfig/numpy.pc", "Name: numpy\n"},
                                 {"numpy/version.py", "version = '2.4.6'\n"}},
                                true);
    BuildResult cppy = package("cppy", "1.3.1", {{"cppy/__init__.py", "def get_include(): ...\n"},
                                                 {"cppy/include/cppy/cppy.h", "\n"}}, false);
    BuildResult lib;
    lib.name = "zlib";
    lib.type = "static_library";
    auto host = prepare_host_packages({&numpy, &cppy, &lib}, dir() / "host", inside);
    ASSERT_TRUE(host) << host.error().message;
    ASSERT_EQ(host->packages.size(), 2u);
    EXPECT_EQ(host->packages[0].name, "numpy");
    EXPECT_EQ(host->packages[0].tree, dir() / "host/numpy");
    EXPECT_TRUE(fs::is_regular_file(dir() / "host/numpy/numpy/_core/include/numpy/ndarrayobject.h"));
    EXPECT_EQ(host->packages[0].pkgconfig_dirs, std::vector<std::string>{"numpy/_core/lib/pkgconfig"});
    EXPECT_TRUE(fs::is_regular_file(dir() / "host/cppy/cppy/__init__.py"));
    EXPECT_EQ(host->views, dir() / "host/.views");
    // numpy imports compiled code, so the build sees its view; cppy is pure and imports as it is.
    EXPECT_EQ(read(dir() / "host/.views/numpy/__init__.py"),
              host_package_view("numpy", "/opt/wb/numpy/numpy", "2.4.6", "_core/include"));
    EXPECT_FALSE(fs::exists(dir() / "host/.views/cppy"));
}

TEST_F(HostPackagesTest, PurePackagesAloneNeedNoViews) {
    BuildResult scm = package("setuptools-scm", "10.3.4", {{"setuptools_scm/__init__.py", ""}}, false);
    auto host = prepare_host_packages({&scm}, dir() / "host", inside);
    ASSERT_TRUE(host) << host.error().message;
    EXPECT_TRUE(host->views.empty());
    EXPECT_FALSE(fs::exists(dir() / "host/.views"));
}

TEST(HostPackageView, NamesTheVersionTheRealDirectoryAndTheWasmHeaders) {
    std::string view = host_package_view("numpy", "/opt/wb/numpy/numpy", "2.4.6", "_core/include");
    EXPECT_NE(view.find("__version__ = \"2.4.6\"\n"), std::string::npos) << view;
    EXPECT_NE(view.find("__path__ = [\"/opt/wb/numpy/numpy\"]\n"), std::string::npos) << view;
    EXPECT_NE(view.find("def get_include():\n    return \"/opt/wb/numpy/numpy/_core/include\"\n"), std::string::npos)
        << view;
    std::string none = host_package_view("pkg", "/opt/wb/pkg/pkg", "1.0", "");
    EXPECT_NE(none.find("raise ImportError(\"pkg has no include directory in its wasm32 wheel\")"), std::string::npos)
        << none;
}

}  // namespace
}  // namespace wb::engine
