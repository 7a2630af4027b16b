#include "index/serve/http_accept.hpp"

#include <array>

#include <gtest/gtest.h>

#include "index/serve/server_content_type.hpp"

namespace wb::index {
namespace {

// The simple index's offers in the order the server lists them (JSON first), text/html the default.
constexpr std::array<std::string_view, 3> k_offers = {k_simple_json_type, k_simple_html_type, k_text_html_type};
constexpr size_t k_html = 2;

std::optional<size_t> choose(std::optional<std::string_view> accept) {
    return choose_media_type(accept, k_offers, k_html);
}

TEST(HttpAccept, ParsesRangesAndWeights) {
    auto ranges = parse_accept("Text/HTML;level=1, application/*;q=0.5, */*; q=0, bogus, a/b;q=x");
    ASSERT_EQ(ranges.size(), 3u);
    EXPECT_EQ(ranges[0].type, "text");
    EXPECT_EQ(ranges[0].subtype, "html");
    EXPECT_DOUBLE_EQ(ranges[0].q, 1.0);
    EXPECT_EQ(ranges[1].subtype, "*");
    EXPECT_DOUBLE_EQ(ranges[1].q, 0.5);
    EXPECT_DOUBLE_EQ(ranges[2].q, 0.0);
}

TEST(HttpAccept, MostSpecificRangeDecides) {
    auto ranges = parse_accept("text/*;q=0.3, text/html;q=0.7, */*;q=0.1");
    EXPECT_DOUBLE_EQ(acceptance_of(ranges, "text/html").q, 0.7);
    EXPECT_EQ(acceptance_of(ranges, "text/html").specificity, 3);
    EXPECT_DOUBLE_EQ(acceptance_of(ranges, "text/plain").q, 0.3);
    EXPECT_DOUBLE_EQ(acceptance_of(ranges, "image/png").q, 0.1);
    EXPECT_EQ(acceptance_of(parse_accept("text/html"), "image/png").specificity, 0);
}

TEST(HttpAccept, NoHeaderOrWildcardGivesTheDefault) {
    EXPECT_EQ(choose(std::nullopt), k_html);
    EXPECT_EQ(choose(""), k_html);
    EXPECT_EQ(choose("*/*"), k_html);
    EXPECT_EQ(choose("application/*"), 0u);  // first exact-less application/* offer: JSON
}

TEST(HttpAccept, PipsHeaderGetsJson) {
    EXPECT_EQ(choose("application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, "
                     "text/html; q=0.01"),
              0u);
}

TEST(HttpAccept, QValuesOverrideServerOrder) {
    EXPECT_EQ(choose("application/vnd.pypi.simple.v1+json;q=0.2, text/html"), k_html);
    EXPECT_EQ(choose("application/vnd.pypi.simple.v1+html, application/vnd.pypi.simple.v1+json;q=0.9"), 1u);
}

TEST(HttpAccept, EqualExactMatchesPreferEarlierOffer) {
    EXPECT_EQ(choose("text/html, application/vnd.pypi.simple.v1+json"), 0u);
}

TEST(HttpAccept, BrowserHeaderGetsHtml) {
    EXPECT_EQ(choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), k_html);
}

TEST(HttpAccept, NothingAcceptable) {
    EXPECT_FALSE(choose("image/png"));
    EXPECT_FALSE(choose("application/json"));
    EXPECT_FALSE(choose("text/html;q=0, application/vnd.pypi.simple.v1+json;q=0, application/vnd.pypi.simple.v1+html;q=0"));
    EXPECT_FALSE(choose("*/*;q=0"));
}

TEST(HttpAccept, ExplicitRefusalBeatsWildcard) {
    EXPECT_EQ(choose("text/html;q=0, */*"), 0u);
}

TEST(HttpAccept, FallbackMissingFromOffers) {
    constexpr std::array<std::string_view, 1> only_json = {k_simple_json_type};
    EXPECT_EQ(choose_media_type(std::nullopt, only_json, 5), 0u);
    EXPECT_FALSE(choose_media_type("text/html", only_json, 0));
}

}  // namespace
}  // namespace wb::index
