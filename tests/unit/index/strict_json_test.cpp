// Hostile JSON before any signature check: deep nesting, duplicate keys, huge files.
#include <gtest/gtest.h>

#include <string>

#include "index/validation/canonical_json.hpp"
#include "index/validation/signer.hpp"
#include "index/validation/strict_json.hpp"

namespace wb::index {
namespace {

using nlohmann::json;

std::string nested_arrays(size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(StrictJson, RefusesDeepNestingWithoutRecursing) {
    auto r = parse_strict_json(nested_arrays(32'000), "timestamp.json");  // 64 KiB: crashed the client
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, util::ErrorKind::Integrity);
    EXPECT_NE(r.error().message.find("timestamp.json: nested deeper than 32 levels"), std::string::npos)
        << r.error().message;
}

TEST(StrictJson, AcceptsNestingUpToTheLimit) {
    EXPECT_TRUE(parse_strict_json(nested_arrays(k_max_json_depth), "x").has_value());
    EXPECT_FALSE(parse_strict_json(nested_arrays(k_max_json_depth + 1), "x").has_value());
}

TEST(StrictJson, RefusesDuplicateKeysAtAnyDepth) {
    auto r = parse_strict_json(R"({"signed": {"version": 1, "_type": "x", "version": 2}})", "f.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("f.json: duplicate key \"version\""), std::string::npos) << r.error().message;
    EXPECT_TRUE(parse_strict_json(R"([{"a": 1}, {"a": 2}])", "f.json").has_value());  // one per object
}

TEST(StrictJson, RefusesTrailingDataAndBadUtf8) {
    EXPECT_FALSE(parse_strict_json(R"({"a": 1} {"a": 2})", "x").has_value());
    EXPECT_FALSE(parse_strict_json("\"\xff\"", "x").has_value());
    auto r = parse_strict_json("{\"a\": ", "root.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("root.json: not valid JSON at byte"), std::string::npos) << r.error().message;
}

TEST(StrictJson, EnvelopeOfNestedArraysIsRefusedBeforeSignatures) {
    std::string text = R"({"signatures": [], "signed": )" + nested_arrays(250'000) + "}";  // a 500 KB root
    auto r = SignedEnvelope::parse(text, "metadata/2.root.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("metadata/2.root.json: nested deeper"), std::string::npos) << r.error().message;
}

TEST(StrictJson, EnvelopeWithDuplicateKeyIsRefused) {
    auto r = SignedEnvelope::parse(R"({"signed": {"a": 1}, "signatures": [], "signed": {"a": 2}})", "timestamp.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("duplicate key \"signed\""), std::string::npos) << r.error().message;
}

TEST(CanonicalJsonDepth, DeepValueFailsWithItsPathInsteadOfOverflowing) {
    json v = json::array();
    for (int i = 0; i < 100'000; ++i) v = json::array({std::move(v)});
    auto r = canonical_json(v);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("is nested deeper than 32 levels"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("canonical JSON: [0][0]", 0), 0u) << r.error().message;
}

}  // namespace
}  // namespace wb::index
