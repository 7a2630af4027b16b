#include <gtest/gtest.h>

#include "engine/build_environment.hpp"
#include "engine/local_node_runner.hpp"
#include "engine_test_support.hpp"
#include "fakes/fake_downloader.hpp"
#include "fakes/fake_process_runner.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

/// make_step_sandbox for a C library and for a package built against it and its platform's
/// cross-build environment, with every outside service a fake.
class BuildEnvironmentTest : public test::ProjectTest {
protected:
    void SetUp() override {
        ProjectTest::SetUp();
        m_store = std::make_unique<fetch::SourceStore>(dir() / "cache/sources");
        m_pypi = std::make_unique<fetch::PypiIndex>(m_downloader, [] { return util::Expected<std::string>("x"); },
                                                    dir() / "tmp");
        m_ctx = std::make_unique<BuildContext>(BuildContext{
            CacheLayout(dir() / "cache"), project(), {}, {*m_store, m_downloader, m_debian, *m_pypi, m_runner}, {},
            dir() / "tools", 3, false, 315532800});
        m_ctx->toolchains["tc"] = {a().identity, dir() / "root", dir() / "bin/wasm-cc", dir() / "frontend"};
        m_zlib = test::lib("zlib");
        m_pkg = test::make_recipe("pkg", recipe::BuildType::Package, {"zlib"});
        m_pkg.cflags = "-O3";
        m_pkg.env = {{"PKG_OPT", "say \"hi\""}};
    }
    graph::Node node(const recipe::Recipe& r, bool shared) const {
        graph::Node n;
        n.recipe = &r;
        n.platform = &a();
        n.platforms = {&a()};
        n.shared = shared;
        return n;
    }
    BuildResult dep(const std::string& name, recipe::BuildType type) const {
        BuildResult r;
        r.name = name;
        r.type = recipe::build_type_name(type);
        r.dir = dir() / "cache/builds" / name / "key";
        return r;
    }
    StepPaths paths() const { return {dir() / "w/src", dir() / "w/stage", dir() / "w/dist", dir() / "w/prefix"}; }
    static const sandbox::Mount* at(const StepSandbox& s, const std::string& inside) {
        for (const auto& m : s.spec.mounts) {
            if (m.inside == inside) return &m;
        }
        return nullptr;
    }

    fakes::FakeDownloader m_downloader;
    fakes::FakeProcessRunner m_runner;
    fetch::DebianSourceFetcher m_debian{m_runner};
    std::unique_ptr<fetch::SourceStore> m_store;
    std::unique_ptr<fetch::PypiIndex> m_pypi;
    std::unique_ptr<BuildContext> m_ctx;
    recipe::Recipe m_zlib, m_pkg;
};

TEST_F(BuildEnvironmentTest, OnlyTheStepsOwnDirectoriesAreWritable) {
    StepSandbox s = make_step_sandbox(*m_ctx, node(m_zlib, true), paths(), {}, {});
    EXPECT_EQ(s.spec.root, dir() / "root");
    EXPECT_FALSE(s.spec.network);
    EXPECT_FALSE(s.spec.writable_root);
    std::vector<std::pair<std::string, bool>> mounts;
    for (const auto& m : s.spec.mounts) mounts.emplace_back(m.inside.string(), m.writable);
    EXPECT_EQ(mounts, (std::vector<std::pair<std::string, bool>>{
                          {"/build/src", true}, {"/build/stage", true}, {"/build/dist", true}, {"/opt/wb/zlib", true},
                          {"/build/recipe", false}, {"/opt/wasm-build/tools", false},
                          {"/opt/wasm-build/bin/wasm-cc", false}, {"/opt/wasm-build/frontend", false}}));
    EXPECT_EQ(at(s, "/opt/wb/zlib")->host, dir() / "w/prefix");
    EXPECT_EQ(at(s, "/build/recipe")->host, project() / "recipes/zlib");
    EXPECT_EQ(s.env.at("WB_PREFIX"), "/opt/wb/zlib");
    EXPECT_EQ(s.env.at("WB_JOBS"), "3");
    EXPECT_EQ(s.env.at("SOURCE_DATE_EPOCH"), "315532800");
    EXPECT_EQ(s.env.at("HOME"), "/home/build");
    EXPECT_EQ(s.env.at("WB_PLATFORM"), node(m_zlib, true).variant());
    // the farm's library policy, then the platform's ABI flags; a library builds with emcc itself
    EXPECT_EQ(s.env.at("CFLAGS"), "-O2 -g0 -fPIC -fvisibility=hidden -fwasm-exceptions -sSUPPORT_LONGJMP=wasm");
    EXPECT_EQ(s.env.at("CC"), "emcc");
    EXPECT_EQ(s.env.at("PATH"), "/usr/bin:/bin");
    EXPECT_EQ(s.env.at("PKG_CONFIG_LIBDIR"), "");  // never the root's own .pc files
    EXPECT_FALSE(s.env.count("_PYTHON_HOST_PLATFORM"));
    EXPECT_FALSE(s.env.count("WB_RUNTIME_DIR"));
}

TEST_F(BuildEnvironmentTest, DependenciesAreReadOnlyAtFixedPlacesAndAPackageSeesTheCrossEnvironment) {
    BuildResult zlib = dep("zlib", recipe::BuildType::StaticLibrary);
    BuildResult xenv = dep("xenv", recipe::BuildType::CrossEnv);
    StepSandbox s = make_step_sandbox(*m_ctx, node(m_pkg, false), paths(), {&zlib, &xenv}, {});
    ASSERT_NE(at(s, "/opt/wb/zlib"), nullptr);
    EXPECT_EQ(at(s, "/opt/wb/zlib")->host, zlib.prefix());
    EXPECT_FALSE(at(s, "/opt/wb/zlib")->writable);
    ASSERT_NE(at(s, "/opt/wb/xenv"), nullptr);
    EXPECT_FALSE(at(s, "/opt/wb/xenv")->writable);
    EXPECT_EQ(s.env.at("WB_DEP_ZLIB_PREFIX"), "/opt/wb/zlib");
    // The recipe has cflags of its own, so CFLAGS is set (policy, ABI flags, the recipe's, the deps');
    // without them it stays unset: setuptools lets CFLAGS replace the sysconfig data's flags.
    EXPECT_EQ(s.env.at("CFLAGS"),
              "-O2 -g0 -fPIC -fvisibility=hidden -fwasm-exceptions -sSUPPORT_LONGJMP=wasm -O3 -I/opt/wb/zlib/include");
    EXPECT_EQ(s.env.at("CPPFLAGS"), "-I/opt/wb/zlib/include");
    EXPECT_EQ(s.env.at("PKG_CONFIG_LIBDIR"), "/opt/wb/zlib/lib/pkgconfig:/opt/wb/zlib/share/pkgconfig");
    EXPECT_EQ(s.env.at("_PYTHON_HOST_PLATFORM"), a().tag);
    EXPECT_EQ(s.env.at("WB_CROSS_ENV"), "/opt/wb/xenv");
    EXPECT_EQ(s.env.at("WASM_CC_PYTHON_INCLUDE"), "/opt/wb/xenv/include/python3.14");
    EXPECT_EQ(s.env.at("WB_BUILD_PYTHON"), a().build_python);
    EXPECT_EQ(s.env.at("CC"), "cc");
    EXPECT_EQ(s.env.at("PATH"), "/opt/wasm-build/frontend/shims:/opt/wb/zlib/bin:/usr/bin:/bin");
    // The link itself comes from the cross environment's sysconfig data (LDSHARED, side module,
    // runtime-symbol check); the package's environment adds only where its libraries are.
    EXPECT_FALSE(s.env.count("LDSHARED"));
    EXPECT_EQ(s.env.at("LDFLAGS"), "-L/opt/wb/zlib/lib");
    EXPECT_EQ(s.env.at("WB_MESON_FRONTEND_FILE"), "/opt/wasm-build/tools/wasm-cc.ini");
}

TEST_F(BuildEnvironmentTest, HostPackagesAreMountedAndImportableWithTheirViewsFirst) {
    BuildResult numpy = dep("numpy", recipe::BuildType::Package);
    BuildResult scm = dep("setuptools-scm", recipe::BuildType::Package);
    BuildResult xenv = dep("xenv", recipe::BuildType::CrossEnv);
    StepPaths p = paths();
    p.host.packages = {{"numpy", dir() / "w/host/numpy", {"numpy/_core/lib/pkgconfig"}},
                       {"setuptools-scm", dir() / "w/host/setuptools-scm", {}}};
    p.host.views = dir() / "w/host/.views";
    StepSandbox s = make_step_sandbox(*m_ctx, node(m_pkg, false), p, {&numpy, &scm, &xenv}, {});
    ASSERT_NE(at(s, "/opt/wb/numpy"), nullptr);
    EXPECT_EQ(at(s, "/opt/wb/numpy")->host, dir() / "w/host/numpy");  // the unpacked wheel, not a prefix
    EXPECT_FALSE(at(s, "/opt/wb/numpy")->writable);
    ASSERT_NE(at(s, "/opt/wasm-build/host-views"), nullptr);
    EXPECT_EQ(at(s, "/opt/wasm-build/host-views")->host, dir() / "w/host/.views");
    EXPECT_EQ(s.env.at("PYTHONPATH"),
              "/opt/wasm-build/host-views:/opt/wb/xenv/sysconfigdata:/opt/wb/numpy:/opt/wb/setuptools-scm");
    EXPECT_EQ(s.env.at("PKG_CONFIG_LIBDIR"), "/opt/wb/numpy/numpy/_core/lib/pkgconfig");
    EXPECT_EQ(s.env.at("WB_DEP_NUMPY_PREFIX"), "/opt/wb/numpy");
    EXPECT_EQ(s.env.at("CPPFLAGS"), "");  // a package's headers come from its own API (get_include())
}

TEST_F(BuildEnvironmentTest, ASharedLibraryKeepsItsSymbolsVisibleAndGetsTheSideModuleFlags) {
    recipe::Recipe lib = test::make_recipe("libgeos", recipe::BuildType::SharedLibrary);
    StepSandbox s = make_step_sandbox(*m_ctx, node(lib, true), paths(), {}, {});
    EXPECT_EQ(s.env.at("CFLAGS"), "-O2 -g0 -fPIC -fwasm-exceptions -sSUPPORT_LONGJMP=wasm");
    EXPECT_EQ(s.env.at("SIDE_MODULE_LDFLAGS"), util::join(a().ldflags, " "));
    StepSandbox z = make_step_sandbox(*m_ctx, node(m_zlib, true), paths(), {}, {});
    EXPECT_NE(z.env.at("CFLAGS").find("-fvisibility=hidden"), std::string::npos);
}

TEST_F(BuildEnvironmentTest, ACrossEnvironmentBuildSeesTheStockRuntime) {
    recipe::Recipe xenv = test::make_recipe("xenv", recipe::BuildType::CrossEnv);
    StepSandbox s = make_step_sandbox(*m_ctx, node(xenv, false), paths(), {}, dir() / "runtimes/pyodide");
    ASSERT_NE(at(s, "/opt/wasm-build/runtime"), nullptr);
    EXPECT_EQ(at(s, "/opt/wasm-build/runtime")->host, dir() / "runtimes/pyodide");
    EXPECT_FALSE(at(s, "/opt/wasm-build/runtime")->writable);
    EXPECT_EQ(s.env.at("WB_RUNTIME_DIR"), "/opt/wasm-build/runtime");
}

TEST_F(BuildEnvironmentTest, APackageBuildRunsItsEnvScriptThenItsBackend) {
    m_pkg.script = "cp extra.h src/";
    m_pkg.backend_flags = "-Csetup-args=-Dblas=none  --glob=a*b";
    EXPECT_EQ(env_exports(m_pkg), "export PKG_OPT=\"say \\\"hi\\\"\"\n");
    EXPECT_EQ(package_build_script(m_pkg),
              "export PKG_OPT=\"say \\\"hi\\\"\"\ncp extra.h src/\n"
              // backend flags are shell words the recipe writes: $WB_RECIPE_DIR and the like expand
              "\"$WB_BUILD_PYTHON\" \"$WB_TOOLS/wb_build_wheel.py\" \"$WB_DIST\" -Csetup-args=-Dblas=none "
              "--glob=a*b\n");
    EXPECT_EQ(env_name("libjpeg-turbo"), "LIBJPEG_TURBO");
}

}  // namespace
}  // namespace wb::engine
