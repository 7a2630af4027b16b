#include "abi/check_wheel.hpp"

#include <gtest/gtest.h>

#include "abi/library_set.hpp"
#include "abi_test_support.hpp"
#include "fakes/temp_dir.hpp"

namespace wb::abi {
namespace {

using namespace test_support;

constexpr const char* k_ext = ".cpython-314-wasm32-emscripten.so";

class CheckWheelTest : public test::TempDirTest {
protected:
    /// A wheel named pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl with the given members
    /// (content: a file name in tests/data/wasm, or literal bytes when prefixed with '=').
    fs::path wheel(const std::vector<std::pair<std::string, std::string>>& members,
                   const std::string& name = "pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl") {
        std::vector<std::pair<std::string, std::string>> files{{"pkg/__init__.py", "x = 1\n"}};
        for (const auto& [member, source] : members) {
            files.emplace_back(member, source.rfind('=', 0) == 0 ? source.substr(1) : slurp(data_dir() / source));
        }
        files.emplace_back("pkg-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n");
        fs::path path = dir() / name;
        write_wheel(path, files);
        return path;
    }
    CheckReport run(const fs::path& whl, const std::vector<fs::path>& libs = {}) {
        auto r = check_wheel(whl, pyodide_314(), libs);
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : CheckReport{};
    }
};

TEST_F(CheckWheelTest, GoodWheelPasses) {
    auto r = run(wheel({{std::string("pkg/_good") + k_ext, "good_c.so"},
                        {std::string("pkg/_cxx") + k_ext, "cxx_wasm_eh.so"}}));
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.problems.empty()) << r.render();
    EXPECT_EQ(r.members.size(), 2u);
    EXPECT_EQ(r.render(),
              "pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl: ABI check against pyodide 314.0.8 passed (2 "
              "modules)\n  note: target features not compared: pyodide 314.0.8's main module has no target_features "
              "section\n");
}

TEST_F(CheckWheelTest, MessageNamesWheelMemberAndMissingNames) {
    auto r = run(wheel({{"pkg/_good.so", "good_c.so"},
                        {"pkg/_exc.so", "cxx_js_eh.so"},
                        {"pkg/sub/_missing.so", "missing_c.so"}}));
    EXPECT_FALSE(r.ok());
    std::string text = r.render();
    EXPECT_NE(text.find("pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl: ABI check against pyodide 314.0.8 "
                        "FAILED: 10 errors, 0 warnings in 2 of 3 modules"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  pkg/_exc.so:\n    error: JavaScript-based exception imports (8): env.invoke_v, "
                        "env.__cxa_find_matching_catch_2, env.invoke_ii"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  pkg/sub/_missing.so:\n    error: env.wb_not_in_any_runtime: not provided by pyodide "
                        "314.0.8, the module or a library it needs"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("pkg/_good.so"), std::string::npos) << text;
}

TEST_F(CheckWheelTest, LibraryWithoutNeededDoesNotCount) {
    auto r = run(wheel({{"pkg/_user.so", "user_noneeded.so"}, {"pkg/libprov.so", "libprov.so"}}));
    auto p = r.find("pkg/_user.so", ProblemKind::Unresolved);
    ASSERT_EQ(p.size(), 1u) << r.render();
    EXPECT_EQ(p[0]->symbol, "wb_provided");
    EXPECT_EQ(p[0]->hint,
              "exported by pkg/libprov.so, which _user.so does not list as needed: Pyodide loads each library with "
              "RTLD_LOCAL, so link _user.so against libprov.so (dylink.0 NEEDED) with -Wl,-rpath,$ORIGIN");
}

TEST_F(CheckWheelTest, NeededLibraryOnTheRuntimePathProvides) {
    auto r = run(wheel({{"pkg/_user.so", "user_rpath.so"}, {"pkg/libprov.so", "libprov.so"}}));
    EXPECT_TRUE(r.problems.empty()) << r.render();
}

TEST_F(CheckWheelTest, NeededLibraryOffTheRuntimePath) {
    auto r = run(wheel({{"pkg/_user.so", "user_rpath.so"}, {"pkg/lib/libprov.so", "libprov.so"}}));
    auto needed = r.find("pkg/_user.so", ProblemKind::NeededLibrary);
    ASSERT_EQ(needed.size(), 1u) << r.render();
    EXPECT_EQ(needed[0]->what,
              "pkg/_user.so needs libprov.so, which is in the wheel as pkg/lib/libprov.so but not on its runtime path");
    EXPECT_NE(needed[0]->hint.find("-Wl,-rpath,$ORIGIN/lib"), std::string::npos);
    EXPECT_EQ(r.find("pkg/_user.so", ProblemKind::Unresolved).size(), 1u);
}

TEST_F(CheckWheelTest, DeclaredSharedLibraries) {
    fs::path whl = wheel({{"pkg/_user.so", "user_needed.so"}});
    auto alone = run(whl);
    auto needed = alone.find("pkg/_user.so", ProblemKind::NeededLibrary);
    ASSERT_EQ(needed.size(), 1u) << alone.render();
    EXPECT_EQ(needed[0]->what,
              "pkg/_user.so needs libprov.so, which is neither in the wheel nor a declared shared library");
    EXPECT_NE(alone.render().find("error: pkg/_user.so needs libprov.so"), std::string::npos) << alone.render();

    fs::path lib = dir() / "libprov.so";
    write(lib, slurp(data_dir() / "libprov.so"));
    EXPECT_TRUE(run(whl, {lib}).problems.empty());

    fs::path lib_wheel = wheel({{"libprov.so", "libprov.so"}}, "libprov-1.0-py3-none-pyemscripten_2026_0_wasm32.whl");
    EXPECT_TRUE(run(whl, {lib_wheel}).problems.empty());
}

TEST_F(CheckWheelTest, MemberThatIsNotWasm) {
    auto r = run(wheel({{"pkg/_native.so", "=\x7f" "ELF\x02\x01\x01"}, {"pkg/libz.so.1", "=junk"}}));
    EXPECT_EQ(r.members, (std::vector<std::string>{"pkg/_native.so", "pkg/libz.so.1"}));
    auto p = r.find("pkg/_native.so", ProblemKind::Unreadable);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0]->what, "pkg/_native.so: not a WebAssembly module: no \\0asm magic number at byte offset 0");
}

TEST_F(CheckWheelTest, PurePythonWheel) {
    auto r = run(wheel({}));
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.notes, std::vector<std::string>{"the wheel has no shared libraries: nothing to check"});
}

TEST_F(CheckWheelTest, UnreadableWheelIsAnError) {
    EXPECT_FALSE(check_wheel(dir() / "missing.whl", pyodide_314()));
    write(dir() / "bad.whl", "not a zip");
    auto r = check_wheel(dir() / "bad.whl", pyodide_314());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("bad.whl"), std::string::npos) << r.error().message;
}

TEST(SharedLibraryNameTest, MatchesPyodidesRule) {
    EXPECT_TRUE(is_shared_library_name("pkg/_core.cpython-314-wasm32-emscripten.so"));
    EXPECT_TRUE(is_shared_library_name("pkg.libs/libz.so.1.3"));
    EXPECT_FALSE(is_shared_library_name("pkg/so"));
    EXPECT_FALSE(is_shared_library_name("pkg/data.so.txt"));
    EXPECT_FALSE(is_shared_library_name("pkg/module.py"));
}

}  // namespace
}  // namespace wb::abi
