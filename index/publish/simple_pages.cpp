#include "index/publish/simple_pages.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wb::index {
using nlohmann::json;

namespace {

constexpr const char* k_api_version = "1.1";

std::string page_head(const std::string& title) {
    return fmt::format(
        "<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"{}\">\n"
        "    <title>{}</title>\n  </head>\n  <body>\n",
        k_api_version, html_escape(title));
}

constexpr const char* k_page_tail = "  </body>\n</html>\n";

}  // namespace

std::string files_location(const std::string& base_url) {
    return base_url.empty() ? "../../packages/" : base_url + "packages/";
}

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string render_project_list_html(const std::vector<std::string>& projects) {
    std::string page = page_head("Simple index");
    for (const std::string& p : projects) {
        page += fmt::format("    <a href=\"{0}/\">{0}</a><br>\n", html_escape(p));
    }
    return page + k_page_tail;
}

std::string render_project_list_json(const std::vector<std::string>& projects) {
    json doc = {{"meta", {{"api-version", k_api_version}}}, {"projects", json::array()}};
    for (const std::string& p : projects) doc["projects"].push_back({{"name", p}});
    return doc.dump() + "\n";
}

std::string render_project_html(const std::string& project, const std::vector<const PackageRecord*>& files,
                                const std::string& files_at) {
    std::string page = page_head("Links for " + project);
    page += fmt::format("    <h1>Links for {}</h1>\n", html_escape(project));
    for (const PackageRecord* r : files) {
        std::string attrs;
        if (!r->requires_python.empty()) {
            attrs += fmt::format(" data-requires-python=\"{}\"", html_escape(r->requires_python));
        }
        attrs += fmt::format(" data-dist-info-metadata=\"sha256={0}\" data-core-metadata=\"sha256={0}\"",
                             r->metadata_sha256);
        page += fmt::format("    <a href=\"{}#sha256={}\"{}>{}</a><br>\n", html_escape(files_at + r->file_name), r->sha256, attrs,
                            html_escape(r->file_name));
    }
    return page + k_page_tail;
}

std::string render_project_json(const std::string& project, const std::vector<const PackageRecord*>& files,
                                const std::string& files_at) {
    json doc = {{"meta", {{"api-version", k_api_version}}}, {"name", project}, {"files", json::array()}};
    json versions = json::array();
    for (const PackageRecord* r : files) {
        if (versions.empty() || versions.back() != r->version) versions.push_back(r->version);
        json file = {{"filename", r->file_name},
                     {"url", files_at + r->file_name},
                     {"hashes", {{"sha256", r->sha256}}},
                     {"size", r->size},
                     // PEP 714's name only: pip 22.3-23.1 crash on the older "dist-info-metadata" dict.
                     {"core-metadata", {{"sha256", r->metadata_sha256}}}};
        if (!r->requires_python.empty()) file["requires-python"] = r->requires_python;
        doc["files"].push_back(std::move(file));
    }
    doc["versions"] = versions;
    return doc.dump() + "\n";
}

}  // namespace wb::index
