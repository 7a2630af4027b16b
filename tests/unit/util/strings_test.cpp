#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace wb::util {
namespace {

TEST(Printable, PlainNamesAndUtf8AreLeftAsTheyAre) {
    EXPECT_EQ(printable("pkg-1.0/src/mod.c"), "pkg-1.0/src/mod.c");
    EXPECT_EQ(printable("d\xc3\xa9j\xc3\xa0"), "d\xc3\xa9j\xc3\xa0");
}

TEST(Printable, ControlBytesAndDelAreEscaped) {
    EXPECT_EQ(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(printable(std::string("x\0y", 3)), "x\\x00y");
    EXPECT_EQ(printable("tab\there\nnl\x7f"), "tab\\x09here\\x0anl\\x7f");
    EXPECT_EQ(printable("..\\evil.py"), "..\\evil.py");
}

}  // namespace
}  // namespace wb::util
