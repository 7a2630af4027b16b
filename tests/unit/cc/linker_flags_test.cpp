#include "cc/linker_flags.hpp"

#include <gtest/gtest.h>

namespace wb::cc {
namespace {

std::vector<std::string> kept(const std::vector<std::string>& pieces) {
    auto result = filter_linker_pieces(pieces);
    std::vector<std::string> out;
    for (size_t i = 0; i < pieces.size(); ++i) {
        if (result.keep[i]) out.push_back(pieces[i]);
    }
    return out;
}

TEST(FilterLinkerPieces, OptionsWithSeparateValuesDropTheirValue) {
    EXPECT_EQ(kept({"-rpath", "/opt/lib", "a.o"}), (std::vector<std::string>{"a.o"}));
    EXPECT_EQ(kept({"-soname", "libx.so.1", "--export-dynamic"}), (std::vector<std::string>{"--export-dynamic"}));
    EXPECT_EQ(kept({"-z", "relro", "-z", "now", "-O1"}), (std::vector<std::string>{"-O1"}));
    EXPECT_EQ(kept({"--version-script", "x.map", "--gc-sections"}), (std::vector<std::string>{"--gc-sections"}));
}

TEST(FilterLinkerPieces, JoinedValuesDropOnlyThemselves) {
    EXPECT_EQ(kept({"--version-script=x.map", "a.o"}), (std::vector<std::string>{"a.o"}));
    EXPECT_EQ(kept({"-rpath=/x", "b.o"}), (std::vector<std::string>{"b.o"}));
    EXPECT_EQ(kept({"--hash-style=gnu", "-znow", "c.o"}), (std::vector<std::string>{"c.o"}));
}

TEST(FilterLinkerPieces, DoubleDashSpellingsMatchLikeEmcc) {
    EXPECT_EQ(kept({"--soname=libx.so", "--rpath-link", "/x", "--allow-shlib-undefined", "d.o"}),
              (std::vector<std::string>{"d.o"}));
}

TEST(FilterLinkerPieces, WasmLdOptionsStay) {
    std::vector<std::string> pieces = {"--whole-archive", "a.a",           "--no-whole-archive",
                                       "--export=foo",    "--gc-sections", "-O2",
                                       "--start-group",   "--end-group",   "-Lsome/dir"};
    EXPECT_EQ(kept(pieces), pieces);
}

TEST(FilterLinkerPieces, ReportsWhatItDropped) {
    auto result = filter_linker_pieces({"--as-needed", "x.o", "-Bsymbolic-functions"});
    EXPECT_EQ(result.dropped, (std::vector<std::string>{"--as-needed", "-Bsymbolic-functions"}));
}

TEST(EmccIgnoresLinkerOption, MatchesEmccList) {
    EXPECT_TRUE(emcc_ignores_linker_option("-soname"));
    EXPECT_TRUE(emcc_ignores_linker_option("--version-script=a"));
    EXPECT_TRUE(emcc_ignores_linker_option("-Map=out.map"));  // emcc drops every -M… prefix
    EXPECT_FALSE(emcc_ignores_linker_option("--export-dynamic"));
}

}  // namespace
}  // namespace wb::cc
