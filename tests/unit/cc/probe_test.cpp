#include "cc/probe.hpp"
#include "cc/verbose_commands.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

// Shaped like emcc 3.1.6's `-v` output for a side-module link (shortened).
constexpr const char* k_verbose_link =
    " \"/usr/bin/wasm-ld-14\" -o /tmp/p/probe.so --whole-archive /tmp/p/probe.o -L/sys/pic --no-whole-archive "
    "--export-if-defined=main -shared\n"
    " \"wasm-emscripten-finalize\" --side-module /tmp/p/probe.so -o /tmp/p/probe.so --detect-features\n"
    "some other diagnostic line\n"
    " \"/usr/bin/llvm-objcopy-14\" /tmp/p/probe.so /tmp/p/probe.so \"--remove-section=a b\"\n";

TEST(ParseVerboseCommands, SplitsSubCommandLines) {
    auto commands = parse_verbose_commands(k_verbose_link);
    ASSERT_EQ(commands.size(), 3u);
    EXPECT_EQ(commands[0].front(), "/usr/bin/wasm-ld-14");
    EXPECT_EQ(commands[0].size(), 9u);
    EXPECT_EQ(commands[1].front(), "wasm-emscripten-finalize");
    EXPECT_EQ(commands[2].back(), "--remove-section=a b");
}

TEST(ParseVerboseCommands, IgnoresOtherOutput) {
    EXPECT_TRUE(parse_verbose_commands("Debian clang version 14\nTarget: wasm32\n").empty());
    EXPECT_TRUE(parse_verbose_commands("").empty());
}

TEST(MakeSideLinkTemplate, PlaceholdersReplaceProbePaths) {
    auto tmpl =
        make_side_link_template(parse_verbose_commands(k_verbose_link), "/tmp/p/probe.o", "/tmp/p/probe.so", "/tmp/p");
    ASSERT_TRUE(tmpl) << tmpl.error().message;
    ASSERT_EQ(tmpl->steps.size(), 3u);
    EXPECT_EQ(tmpl->steps[0], (std::vector<std::string>{"/usr/bin/wasm-ld-14", "-o", k_output_placeholder,
                                                        "--whole-archive", k_inputs_placeholder, "-L/sys/pic",
                                                        "--no-whole-archive", "--export-if-defined=main", "-shared"}));
    EXPECT_EQ(tmpl->steps[2][1], k_output_placeholder);
}

TEST(MakeSideLinkTemplate, FeatureFlagsAfterFinalizeBecomeAPlaceholder) {
    std::string text =
        " \"/bin/ld\" -o /tmp/p/out.so /tmp/p/in.o\n"
        " \"/usr/bin/wasm-emscripten-finalize\" --side-module /tmp/p/out.so -o /tmp/p/out.so --detect-features\n"
        " \"/usr/bin/wasm-opt\" -O2 /tmp/p/out.so -o /tmp/p/out.so --mvp-features --enable-mutable-globals\n";
    auto tmpl = make_side_link_template(parse_verbose_commands(text), "/tmp/p/in.o", "/tmp/p/out.so", "/tmp/p");
    ASSERT_TRUE(tmpl) << tmpl.error().message;
    EXPECT_EQ(tmpl->steps[1].back(), "--detect-features");  // finalize's own flags stay
    EXPECT_EQ(tmpl->steps[2], (std::vector<std::string>{"/usr/bin/wasm-opt", "-O2", k_output_placeholder, "-o",
                                                        k_output_placeholder, k_features_placeholder}));
}

TEST(MakeSideLinkTemplate, RefusesStrayProbePaths) {
    std::string text = " \"/bin/ld\" -o /tmp/p/out.so /tmp/p/in.o --map=/tmp/p/out.map\n";
    auto tmpl = make_side_link_template(parse_verbose_commands(text), "/tmp/p/in.o", "/tmp/p/out.so", "/tmp/p");
    ASSERT_FALSE(tmpl);
    EXPECT_NE(tmpl.error().message.find("/tmp/p/out.map"), std::string::npos);
}

TEST(MakeSideLinkTemplate, RequiresInputAndOutput) {
    std::string text = " \"/bin/ld\" -o /tmp/p/out.so\n";
    EXPECT_FALSE(make_side_link_template(parse_verbose_commands(text), "/tmp/p/in.o", "/tmp/p/out.so", "/tmp/p"));
    EXPECT_FALSE(make_side_link_template({}, "/tmp/p/in.o", "/tmp/p/out.so", "/tmp/p"));
}

// Shaped like emcc 6.0.5's EMCC_VERBOSE output for a side-module link with -O2 (shortened).
constexpr const char* k_verbose_link_6 =
    " /usr/bin/clang-21 --version\n"
    " /usr/bin/wasm-ld-21 -o /tmp/p/out.so -Bdynamic -shared --no-export-dynamic /tmp/p/in.o -L/sys/pic\n"
    "wasm-ld-21: warning: creating shared libraries, with -shared, is not yet stable\n"
    " /usr/bin/wasm-ld-21 -o /tmp/p/out.so -Bdynamic -shared /tmp/p/in.o -L/sys/pic\n"
    " /usr/bin/llvm-objcopy-21 /tmp/p/out.so /tmp/p/out.so '--remove-section=llvm.func_attr.annotate.*' "
    "--remove-section=producers\n"
    " /usr/bin/wasm-opt --strip-target-features -O2 /tmp/p/out.so -o /tmp/p/out.so -g --mvp-features "
    "--enable-bulk-memory --enable-exception-handling\n";

TEST(ParseVerboseCommands, ShlexQuotingOfLaterEmscripten) {
    auto commands = parse_verbose_commands(k_verbose_link_6);
    ASSERT_EQ(commands.size(), 5u);
    EXPECT_EQ(commands[0], (std::vector<std::string>{"/usr/bin/clang-21", "--version"}));
    EXPECT_EQ(commands[3][3], "--remove-section=llvm.func_attr.annotate.*");
    EXPECT_EQ(split_shell_words("a 'b c' 'it'\"'\"'s' \"d\\\"e\""),
              (std::vector<std::string>{"a", "b c", "it's", "d\"e"}));
}

TEST(MakeSideLinkTemplate, LeavesOutStepsThatCannotChangeTheOutput) {
    auto tmpl =
        make_side_link_template(parse_verbose_commands(k_verbose_link_6), "/tmp/p/in.o", "/tmp/p/out.so", "/tmp/p");
    ASSERT_TRUE(tmpl) << tmpl.error().message;
    // No `clang --version`; of the two links only the second, whose output survives.
    ASSERT_EQ(tmpl->steps.size(), 3u);
    EXPECT_EQ(tmpl->steps[0], (std::vector<std::string>{"/usr/bin/wasm-ld-21", "-o", k_output_placeholder,
                                                        "-Bdynamic", "-shared", k_inputs_placeholder, "-L/sys/pic"}));
    EXPECT_EQ(tmpl->steps[1].front(), "/usr/bin/llvm-objcopy-21");
    // Without a finalize step the features still become a placeholder: they are the module's.
    EXPECT_EQ(tmpl->steps[2], (std::vector<std::string>{"/usr/bin/wasm-opt", "--strip-target-features", "-O2",
                                                        k_output_placeholder, "-o", k_output_placeholder, "-g",
                                                        k_features_placeholder}));
}

TEST(ParseEmscriptenVersion, FindsTheVersionWord) {
    EXPECT_EQ(
        parse_emscripten_version("emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.6 ()"),
        "3.1.6");
    EXPECT_EQ(parse_emscripten_version("emcc (...) 3.1.32 (a1b2c3)"), "3.1.32");
    EXPECT_EQ(parse_emscripten_version("emcc without a version"), "");
    EXPECT_EQ(parse_emscripten_version("clang 14.0"), "");
}

TEST(SystemLibraryNames, BaseNamesOfVariants) {
    auto names = system_library_names({"libc.a", "libc-mt-debug.a", "libc++abi-noexcept.a", "libGL-emu-webgl2.a",
                                       "crt1.o", "libcompiler_rt-wasm-sjlj.a", "notes.txt"});
    EXPECT_EQ(names, (std::vector<std::string>{"GL", "c", "c++abi", "compiler_rt"}));
}

/// A runner that fails every command: the probe must report which one, not crash.
class FailingRunner final : public util::ProcessRunner {
public:
    std::vector<std::vector<std::string>> seen;
    util::Expected<util::ProcessResult> run(const util::Command& command) override {
        seen.push_back(command.argv);
        return util::ProcessResult{1, false, false, "emcc: error: something broke\n"};
    }
};

TEST(ProbeToolchain, MissingEmccIsAUsageError) {
    FailingRunner runner;
    ProbeOptions options;
    options.emcc = "/nonexistent/emcc";
    auto result = probe_toolchain(runner, options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, util::ErrorKind::Usage);
    EXPECT_NE(result.error().message.find("/nonexistent/emcc"), std::string::npos);
    EXPECT_TRUE(runner.seen.empty());
}

}  // namespace
}  // namespace wb::cc
