#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runtime/package_tester.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {
namespace {

/// Smoke code with everything a string literal must escape: quotes, backslashes, newlines, tabs,
/// a control character and non-ASCII text.
const std::string k_smoke = "s = \"double\" + 'single'\nprint(s, '\\\\', len('\\t'))\nprint(\"\u00e9t\u00e9\", \"\\x01\")\n"
                            "t = \"\"\"tri\nple\"\"\"\n";

recipe::Recipe with_imports(std::vector<std::string> imports) {
    recipe::Recipe r;
    r.name = "pkg";
    r.test.imports = std::move(imports);
    return r;
}

/// The string literal the program passes to compile(), read back as JSON.
std::string embedded_code(const std::string& program) {
    auto start = program.find("exec(compile(");
    auto end = program.find(", 'smoke test', 'exec')");
    EXPECT_NE(start, std::string::npos);
    EXPECT_NE(end, std::string::npos);
    if (start == std::string::npos || end == std::string::npos) return {};
    start += 13;
    return nlohmann::json::parse(program.substr(start, end - start)).get<std::string>();
}

TEST(SmokeProgram, ImportsFirstThenTheSmokeCode) {
    std::string program = smoke_program(with_imports({"pkg", "pkg.sub"}), k_smoke);
    auto imports = program.find("print('@@wb phase imports')");
    auto loop = program.find("for _name in [\"pkg\",\"pkg.sub\"]:\n    importlib.import_module(_name)");
    auto smoke = program.find("print('@@wb phase smoke')");
    auto exec = program.find("exec(compile(");
    ASSERT_NE(imports, std::string::npos) << program;
    ASSERT_NE(loop, std::string::npos) << program;
    ASSERT_NE(smoke, std::string::npos) << program;
    EXPECT_LT(imports, loop);
    EXPECT_LT(loop, smoke);
    EXPECT_LT(smoke, exec);
    EXPECT_NE(program.find("{'__name__': '__main__'}"), std::string::npos);
}

TEST(SmokeProgram, TheSmokeCodeIsOneEscapedLiteral) {
    std::string program = smoke_program(with_imports({"pkg"}), k_smoke);
    EXPECT_EQ(embedded_code(program), k_smoke);
    // Nothing of the code appears unescaped: its newlines are inside the literal.
    EXPECT_EQ(program.find("ple\"\"\"\n"), std::string::npos);
}

TEST(SmokeProgram, WithoutSmokeCodeOnlyImports) {
    std::string program = smoke_program(with_imports({"pkg"}), "");
    EXPECT_EQ(program.find("@@wb phase smoke"), std::string::npos);
    EXPECT_EQ(program.find("exec("), std::string::npos);
    EXPECT_NE(program.find("[\"pkg\"]"), std::string::npos);
}

TEST(SmokeProgram, RunsUnderCPython) {
    auto python = util::find_program("python3", util::current_environment());
    if (!python) GTEST_SKIP() << "python3 is not installed: the program's Python syntax is not checked here";
    std::string program = smoke_program(with_imports({"json", "os.path"}), k_smoke);
    util::Command cmd{{python->string(), "-I", "-c", program}, util::Environment{{"PYTHONIOENCODING", "utf-8"}},
                      {}, {}, {}, std::chrono::seconds(30)};
    auto r = util::run(cmd);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->exit_code, 0) << r->output;
    EXPECT_EQ(r->output, "@@wb phase imports\nimport json ok\nimport os.path ok\n@@wb phase smoke\n"
                         "doublesingle \\ 1\n\u00e9t\u00e9 \x01\n@@wb phase done\n");
}

}  // namespace
}  // namespace wb::runtime
