#include <gtest/gtest.h>

#include "index/validation/canonical_json.hpp"

namespace wb::index {
namespace {

using nlohmann::json;

TEST(CanonicalJson, SortsKeysAndDropsWhitespace) {
    json v = json::parse(R"({ "b": [1, 2, {"z": true, "a": null}], "a": "x" })");
    EXPECT_EQ(canonical_json(v).value(), R"({"a":"x","b":[1,2,{"a":null,"z":true}]})");
}

TEST(CanonicalJson, EscapesOnlyQuoteAndBackslash) {
    json v = std::string("q\"b\\n\nü\t");
    EXPECT_EQ(canonical_json(v).value(), std::string("\"q\\\"b\\\\n\nü\t\""));
}

TEST(CanonicalJson, SortsKeysByBytes) {
    json v = {{"B", 1}, {"a", 2}, {"_type", 3}};
    EXPECT_EQ(canonical_json(v).value(), R"({"B":1,"_type":3,"a":2})");
}

TEST(CanonicalJson, RefusesFloatsAndNamesWhere) {
    json v = {{"outer", {{"inner", 1.5}}}};
    auto r = canonical_json(v);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find(".outer.inner"), std::string::npos) << r.error().message;
}

TEST(CanonicalJson, KeepsLargeAndNegativeIntegers) {
    json v = json::array({uint64_t{18446744073709551615ull}, -5, 0});
    EXPECT_EQ(canonical_json(v).value(), "[18446744073709551615,-5,0]");
}

}  // namespace
}  // namespace wb::index
