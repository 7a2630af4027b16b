#pragma once
// The simple repository API pages: PEP 503 HTML and PEP 691 JSON (api-version 1.1, PEP 700 sizes
// and versions), with sha256 hashes, requires-python, and PEP 658/714 core-metadata markers. File
// links are relative: simple/<project>/ -> ../../packages/<wheel>.
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

/// simple/<project>/index.html and index.json for a project's wheels (ascending versions).
std::string render_project_html(const std::string& project, const std::vector<const PackageRecord*>& files);
std::string render_project_json(const std::string& project, const std::vector<const PackageRecord*>& files);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(const std::string& text);

}  // namespace wb::index
