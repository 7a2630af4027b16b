#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "index/publish/simple_pages.hpp"

namespace wb::index {
namespace {

PackageRecord record(const std::string& version, const std::string& requires_python) {
    PackageRecord r;
    r.project = "my-pkg";
    r.name = "My.Pkg";
    r.version = version;
    r.file_name = "my_pkg-" + version + "-py3-none-any.whl";
    r.size = 1234;
    r.sha256 = std::string(64, version == "1.0" ? 'a' : 'b');
    r.metadata_sha256 = std::string(64, 'm');
    r.requires_python = requires_python;
    return r;
}

TEST(SimplePages, ProjectHtmlLinksWithHashAndEscapedRequiresPython) {
    auto a = record("1.0", ">=3.8,<4");
    std::string html = render_project_html("my-pkg", {&a});
    EXPECT_NE(html.find("href=\"../../packages/my_pkg-1.0-py3-none-any.whl#sha256=" + a.sha256 + "\""), std::string::npos)
        << html;
    EXPECT_NE(html.find("data-requires-python=\"&gt;=3.8,&lt;4\""), std::string::npos) << html;
    EXPECT_NE(html.find("data-core-metadata=\"sha256=" + a.metadata_sha256 + "\""), std::string::npos);
    EXPECT_NE(html.find("data-dist-info-metadata=\"sha256=" + a.metadata_sha256 + "\""), std::string::npos);
    EXPECT_NE(html.find("pypi:repository-version"), std::string::npos);
}

TEST(SimplePages, ProjectJsonFollowsPep691And700) {
    auto a = record("1.0", "");
    auto b = record("2.0", ">=3.11");
    auto j = nlohmann::json::parse(render_project_json("my-pkg", {&a, &b}));
    EXPECT_EQ(j["meta"]["api-version"], "1.1");
    EXPECT_EQ(j["name"], "my-pkg");
    EXPECT_EQ(j["versions"], nlohmann::json::array({"1.0", "2.0"}));
    ASSERT_EQ(j["files"].size(), 2u);
    EXPECT_EQ(j["files"][0]["hashes"]["sha256"], a.sha256);
    EXPECT_EQ(j["files"][0]["size"], 1234);
    EXPECT_FALSE(j["files"][0].contains("requires-python"));
    EXPECT_EQ(j["files"][1]["requires-python"], ">=3.11");
    EXPECT_EQ(j["files"][1]["url"], "../../packages/my_pkg-2.0-py3-none-any.whl");
    EXPECT_EQ(j["files"][1]["core-metadata"]["sha256"], b.metadata_sha256);
}

TEST(SimplePages, ProjectListInBothForms) {
    std::string html = render_project_list_html({"a-b", "c"});
    EXPECT_NE(html.find("<a href=\"a-b/\">a-b</a>"), std::string::npos);
    auto j = nlohmann::json::parse(render_project_list_json({"a-b", "c"}));
    EXPECT_EQ(j["projects"][1]["name"], "c");
}

TEST(SimplePages, HtmlEscapeCoversAttributeCharacters) {
    EXPECT_EQ(html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

}  // namespace
}  // namespace wb::index
