// The parser must survive arbitrary bytes: thousands of seeded mutations of real side modules and
// a hand-built one either parse or give an Input error (run under ASan to catch memory errors).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include <gtest/gtest.h>

#include "fakes/wasm_builder.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::wasm {
namespace {

namespace fs = std::filesystem;
using test::Bytes;

Bytes slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One random edit: flip, overwrite, insert, erase, truncate, or plant a large LEB.
void mutate(Bytes& b, std::mt19937& rng) {
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
    if (b.size() <= 8) {
        b.push_back(static_cast<uint8_t>(rng()));
        return;
    }
    size_t at = 8 + pick(b.size() - 8);  // keep the header mostly intact so sections get exercised
    switch (pick(6)) {
        case 0: b[at] ^= static_cast<uint8_t>(1u << pick(8)); break;
        case 1: b[at] = static_cast<uint8_t>(rng()); break;
        case 2: b.insert(b.begin() + at, static_cast<uint8_t>(rng())); break;
        case 3: b.erase(b.begin() + at); break;
        case 4: b.resize(at); break;
        case 5: {
            static const Bytes k_big{0xff, 0xff, 0xff, 0xff, 0x0f};
            for (size_t i = 0; i < k_big.size() && at + i < b.size(); ++i) b[at + i] = k_big[i];
            break;
        }
    }
}

std::vector<Bytes> seeds() {
    std::vector<Bytes> out;
    for (const char* name : {"good_c.so", "cxx_wasm_eh.so", "cxx_js_eh.so", "pthread_c.so", "user_rpath.so"}) {
        out.push_back(slurp(fs::path(WB_TEST_DATA) / "wasm" / name));
    }
    test::WasmBuilder b;
    test::DylinkSpec d;
    d.needed = {"liba.so"};
    d.import_info = {{"env", "w", 1}};
    b.dylink(d);
    uint32_t t = b.type({test::WasmBuilder::i32}, {test::WasmBuilder::i64});
    b.import_func("env", "f", t);
    b.import_tag("env", "__cpp_exception", t);
    b.function(t);
    b.memory(1, 2);
    b.global(test::WasmBuilder::i32, true, 1);
    b.export_("g", 0, 1);
    b.target_features({{'+', "mutable-globals"}});
    out.push_back(b.build());
    return out;
}

TEST(MutationTest, ParserSurvivesRandomMutations) {
    std::mt19937 rng(20261205);
    auto inputs = seeds();
    size_t parsed = 0, refused = 0;
    for (int round = 0; round < 6000; ++round) {
        Bytes b = inputs[round % inputs.size()];
        int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) mutate(b, rng);
        auto m = WasmModule::parse(b);
        if (m) {
            ++parsed;
        } else {
            ++refused;
            ASSERT_EQ(m.error().kind, util::ErrorKind::Input) << m.error().message;
            ASSERT_FALSE(m.error().message.empty());
        }
    }
    EXPECT_GT(refused, 1000u);
    EXPECT_GT(parsed, 0u);  // some mutations (inside code or data) leave a valid interface
}

TEST(MutationTest, RandomBytesAfterAValidHeader) {
    std::mt19937 rng(7);
    for (int round = 0; round < 2000; ++round) {
        Bytes b = test::module_header();
        size_t n = rng() % 64;
        for (size_t i = 0; i < n; ++i) b.push_back(static_cast<uint8_t>(rng()));
        auto m = WasmModule::parse(b);
        if (!m) {
            ASSERT_EQ(m.error().kind, util::ErrorKind::Input);
        }
    }
}

}  // namespace
}  // namespace wb::wasm
