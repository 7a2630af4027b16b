#include "fetch/pypi_index.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/file_util.hpp"
#include "util/scope_guard.hpp"
#include "util/strings.hpp"

namespace wb::fetch {
namespace fs = std::filesystem;
using util::ErrorKind;

namespace {

/// "https://h/a/b/" + "../../x" or "/x" or "https://…" (RFC 3986, the cases an index page uses).
std::string resolve_url(const std::string& base, const std::string& ref) {
    if (ref.find("://") != std::string::npos) return ref;
    size_t scheme = base.find("://");
    size_t host_end = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    std::string origin = base.substr(0, host_end);
    if (ref.starts_with("/")) return origin + ref;
    std::vector<std::string> parts = util::split(host_end == std::string::npos ? "" : base.substr(host_end + 1), '/');
    if (!parts.empty()) parts.pop_back();  // the page's own name (empty for a trailing slash)
    for (const auto& piece : util::split(ref, '/')) {
        if (piece == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (piece != ".") {
            parts.push_back(piece);
        }
    }
    return origin + "/" + util::join(parts, "/");
}

std::string normalized(std::string name) {
    std::string out;
    for (char c : name) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == '_' || l == '.') l = '-';
        if (l == '-' && !out.empty() && out.back() == '-') continue;
        out += l;
    }
    return out;
}

}  // namespace

util::Expected<std::vector<IndexFile>> parse_project_page(const std::string& json_text, const std::string& page_url) {
    auto page = nlohmann::json::parse(json_text, nullptr, false);
    if (page.is_discarded() || !page.is_object() || !page.contains("files") || !page["files"].is_array()) {
        return util::fail(ErrorKind::Network, fmt::format("{}: not a PEP 691 project page (expected JSON with "
                                                          "\"files\")", page_url));
    }
    std::vector<IndexFile> files;
    for (const auto& f : page["files"]) {
        if (!f.is_object() || !f.contains("filename") || !f["filename"].is_string()) continue;
        std::string url = f.contains("url") && f["url"].is_string() ? f["url"].get<std::string>() : "";
        if (url.empty()) continue;
        IndexFile file;
        file.filename = f["filename"].get<std::string>();
        file.url = resolve_url(page_url, url.substr(0, url.find('#')));
        if (f.contains("hashes") && f["hashes"].is_object() && f["hashes"].contains("sha256") &&
            f["hashes"]["sha256"].is_string()) {
            file.sha256 = f["hashes"]["sha256"].get<std::string>();
        }
        if (f.contains("requires-python") && f["requires-python"].is_string()) {
            file.requires_python = f["requires-python"].get<std::string>();
        }
        // PEP 592: false, or true / a reason string.
        if (f.contains("yanked")) {
            const auto& y = f["yanked"];
            file.yanked = y.is_string() || (y.is_boolean() && y.get<bool>());
        }
        files.push_back(std::move(file));
    }
    return files;
}

util::Expected<IndexFile> find_index_file(const std::string& json_text, const std::string& page_url,
                                          const std::string& filename) {
    auto files = parse_project_page(json_text, page_url);
    if (!files) return tl::unexpected(files.error());
    for (auto& f : *files) {
        if (f.filename == filename) return std::move(f);
    }
    return util::fail(ErrorKind::Network, fmt::format("{}: the index lists no file '{}'", page_url, filename));
}

util::Expected<std::vector<IndexFile>> PypiIndex::project_files(const std::string& project) {
    auto page = project_page(project);
    if (!page) return tl::unexpected(page.error());
    return parse_project_page(page->first, page->second);
}

util::Expected<std::string> PypiIndex::file_url(const std::string& project, const std::string& filename,
                                                const std::string& expected_sha256) {
    auto page = project_page(project);
    if (!page) return tl::unexpected(page.error());
    auto file = find_index_file(page->first, page->second, filename);
    if (!file) return tl::unexpected(file.error());
    if (!file->sha256.empty() && file->sha256 != expected_sha256) {
        return util::fail(ErrorKind::Integrity, fmt::format("{}: the index gives {} the sha256 {}, the recipe pins {}",
                                                            page->second, filename, file->sha256, expected_sha256));
    }
    return file->url;
}

util::Expected<std::pair<std::string, std::string>> PypiIndex::project_page(const std::string& project) {
    auto base = m_index_url();
    if (!base) return tl::unexpected(base.error());
    std::string page = *base + (base->ends_with("/") ? "" : "/") + normalized(project) + "/";
    std::error_code ec;
    fs::create_directories(m_tmp, ec);
    // A directory of this call's own: the nodes of several platforms (and processes sharing the
    // cache) ask for the same project at once.
    auto dir = util::make_temp_dir(m_tmp, "index-");
    if (!dir) return tl::unexpected(dir.error());
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(*dir); });
    fs::path tmp = *dir / (normalized(project) + ".json");
    DownloadOptions options;
    options.headers = {"Accept: application/vnd.pypi.simple.v1+json"};
    options.max_bytes = 64ull << 20;
    options.total_timeout = std::chrono::seconds(300);
    if (auto d = m_downloader.download(page, tmp, options); !d) return tl::unexpected(d.error());
    auto text = util::read_file(tmp);
    if (!text) return tl::unexpected(text.error());
    return std::pair{std::move(*text), page};
}

util::Expected<std::string> pip_index_url(util::ProcessRunner& runner, const util::Environment& env) {
    if (auto v = util::env_or(env, "PIP_INDEX_URL"); !v.empty()) return v;
    util::Command config{{"python3", "-m", "pip", "config", "get", "global.index-url"}, env, {}, {}, {},
                         std::chrono::seconds(60)};
    if (auto r = runner.run(config); r && r->ok() && !util::trim(r->output).empty()) {
        return std::string(util::trim(r->output));
    }
    util::Command builtin{{"python3", "-c", "from pip._internal.models.index import PyPI; print(PyPI.simple_url)"},
                          env, {}, {}, {}, std::chrono::seconds(60)};
    auto r = runner.run(builtin);
    if (!r) return tl::unexpected(r.error());
    if (!r->ok() || util::trim(r->output).empty()) {
        return util::fail(ErrorKind::Usage, fmt::format("cannot learn the package index pip uses here (set "
                                                        "PIP_INDEX_URL): {}", util::trim(r->output)));
    }
    return std::string(util::trim(r->output));
}

}  // namespace wb::fetch
