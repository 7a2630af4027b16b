#include "cc/tool.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

TEST(ToolFromName, PlainNames) {
    EXPECT_EQ(tool_from_name("cc"), Tool::Cc);
    EXPECT_EQ(tool_from_name("gcc"), Tool::Cc);
    EXPECT_EQ(tool_from_name("clang"), Tool::Cc);
    EXPECT_EQ(tool_from_name("c++"), Tool::Cxx);
    EXPECT_EQ(tool_from_name("g++"), Tool::Cxx);
    EXPECT_EQ(tool_from_name("clang++"), Tool::Cxx);
    EXPECT_EQ(tool_from_name("cpp"), Tool::Cpp);
    EXPECT_EQ(tool_from_name("ar"), Tool::Ar);
    EXPECT_EQ(tool_from_name("ranlib"), Tool::Ranlib);
    EXPECT_EQ(tool_from_name("ld"), Tool::Ld);
    EXPECT_EQ(tool_from_name("readelf"), Tool::Readelf);
}

TEST(ToolFromName, PathsPrefixesAndVersions) {
    EXPECT_EQ(tool_from_name("/tmp/shims/g++"), Tool::Cxx);
    EXPECT_EQ(tool_from_name("x86_64-linux-gnu-gcc"), Tool::Cc);
    EXPECT_EQ(tool_from_name("x86_64-linux-gnu-gcc-12"), Tool::Cc);
    EXPECT_EQ(tool_from_name("clang-14"), Tool::Cc);
    EXPECT_EQ(tool_from_name("clang++-14"), Tool::Cxx);
    EXPECT_EQ(tool_from_name("gcc-ar"), Tool::Ar);
    EXPECT_EQ(tool_from_name("x86_64-linux-gnu-gcc-ranlib-12"), Tool::Ranlib);
    EXPECT_EQ(tool_from_name("wasm32-unknown-emscripten-nm"), Tool::Nm);
    EXPECT_EQ(tool_from_name("clang-cpp"), Tool::Cpp);
}

TEST(ToolFromName, UnknownNames) {
    EXPECT_FALSE(tool_from_name("python3"));
    EXPECT_FALSE(tool_from_name("make"));
    EXPECT_FALSE(tool_from_name("gccx"));
    EXPECT_FALSE(tool_from_name(""));
    EXPECT_FALSE(tool_from_name("-cc"));
}

TEST(ShimNames, EveryShimMapsToATool) {
    for (const auto& name : shim_names()) {
        EXPECT_TRUE(tool_from_name(name).has_value()) << name;
    }
}

}  // namespace
}  // namespace wb::cc
