#pragma once
// The simple repository API pages: PEP 503 HTML and PEP 691 JSON (api-version 1.1, PEP 700 sizes
// and versions), with sha256 hashes, requires-python, and PEP 658/714 core-metadata markers. File
// links are relative (simple/<project>/ -> ../../packages/<wheel>) unless the repository is published
// for a base URL: some clients (micropip 0.11) do not resolve relative URLs in JSON pages.
#include <string>
#include <vector>

#include "index/publish/catalog.hpp"

namespace wb::index {

/// The JSON content type of PEP 691.
inline constexpr const char* k_simple_json_type = "application/vnd.pypi.simple.v1+json";
inline constexpr const char* k_simple_html_type = "application/vnd.pypi.simple.v1+html";

/// simple/index.html and simple/index.json for these project names (normalized, sorted).
std::string render_project_list_html(const std::vector<std::string>& projects);
std::string render_project_list_json(const std::vector<std::string>& projects);

/// Where file links point: "../../packages/" (relative), or "<base URL>packages/".
std::string files_location(const std::string& base_url);

/// simple/<project>/index.html and index.json for a project's wheels (ascending versions), linking to
/// files_at + file name.
std::string render_project_html(const std::string& project, const std::vector<const PackageRecord*>& files,
                                const std::string& files_at = files_location(""));
std::string render_project_json(const std::string& project, const std::vector<const PackageRecord*>& files,
                                const std::string& files_at = files_location(""));

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(const std::string& text);

}  // namespace wb::index
