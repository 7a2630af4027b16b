#include "cc/driver_args.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

using Kind = DriverArg::Kind;

TEST(SplitDriverArgs, JoinedAndSeparateValues) {
    auto args = split_driver_args({"-I", "inc", "-Iother", "-isystem", "/sys", "-o", "out.o", "-DX=1", "a.c"});
    ASSERT_EQ(args.size(), 6u);
    EXPECT_EQ(args[0].kind, Kind::Valued);
    EXPECT_EQ(args[0].name, "-I");
    EXPECT_EQ(args[0].value, "inc");
    EXPECT_TRUE(args[0].separate);
    EXPECT_EQ(args[1].value, "other");
    EXPECT_FALSE(args[1].separate);
    EXPECT_EQ(args[2].name, "-isystem");
    EXPECT_EQ(args[2].value, "/sys");
    EXPECT_EQ(args[3].name, "-o");
    EXPECT_EQ(args[3].value, "out.o");
    EXPECT_EQ(args[4].name, "-D");
    EXPECT_EQ(args[4].value, "X=1");
    EXPECT_EQ(args[5].kind, Kind::Operand);
    EXPECT_EQ(args[5].value, "a.c");
}

TEST(SplitDriverArgs, ValuesAreNeverOperands) {
    auto args = split_driver_args(
        {"-MF", "dep.d", "-Xlinker", "foo.o", "-mllvm", "-disable-lsr", "-include", "config.h", "x.c"});
    int operands = 0;
    for (const auto& arg : args) operands += arg.kind == Kind::Operand;
    EXPECT_EQ(operands, 1);
    EXPECT_EQ(args.back().value, "x.c");
}

TEST(SplitDriverArgs, LongerOptionsWinOverPrefixes) {
    auto args = split_driver_args({"-isysroot/x", "-include-pch", "p.pch", "-imacros", "m.h"});
    ASSERT_EQ(args.size(), 3u);
    EXPECT_EQ(args[0].name, "-isysroot");
    EXPECT_EQ(args[0].value, "/x");
    EXPECT_EQ(args[1].name, "-include-pch");
    EXPECT_EQ(args[2].name, "-imacros");
}

TEST(SplitDriverArgs, EmscriptenSettingsAndStrip) {
    auto args = split_driver_args({"-sSIDE_MODULE=1", "-s", "EXPORT_ALL=1", "-s", "-shared", "-std=c99", "-static"});
    ASSERT_EQ(args.size(), 6u);
    EXPECT_TRUE(args[0].is("-s"));
    EXPECT_EQ(args[0].value, "SIDE_MODULE=1");
    EXPECT_TRUE(args[1].is("-s"));
    EXPECT_EQ(args[1].value, "EXPORT_ALL=1");
    EXPECT_EQ(args[2].kind, Kind::Flag);  // bare -s: strip
    EXPECT_EQ(args[2].name, "-s");
    EXPECT_EQ(args[3].name, "-shared");
    EXPECT_EQ(args[4].name, "-std=c99");
    EXPECT_EQ(args[5].name, "-static");
}

TEST(SplitDriverArgs, RoundTripKeepsSpelling) {
    std::vector<std::string> argv = {"-c", "-I", "a", "-Ib", "-Wl,-O1,--as-needed", "-", "-o", "x", "-lm", "-x", "c"};
    EXPECT_EQ(join_driver_args(split_driver_args(argv)), argv);
}

TEST(SplitDriverArgs, MissingValueStaysAFlag) {
    auto args = split_driver_args({"a.c", "-o"});
    ASSERT_EQ(args.size(), 2u);
    EXPECT_EQ(args[1].kind, Kind::Flag);
    EXPECT_EQ(args[1].name, "-o");
}

TEST(IsSettingWord, UpperCaseIdentifiers) {
    EXPECT_TRUE(is_setting_word("SIDE_MODULE=1"));
    EXPECT_TRUE(is_setting_word("USE_PTHREADS"));
    EXPECT_TRUE(is_setting_word("EXPORTED_FUNCTIONS=[_main]"));
    EXPECT_FALSE(is_setting_word("shared"));
    EXPECT_FALSE(is_setting_word("a.o"));
    EXPECT_FALSE(is_setting_word(""));
}

}  // namespace
}  // namespace wb::cc
