#include "index/server_simple_page.hpp"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "index/http_accept.hpp"
#include "index/http_path.hpp"
#include "index/server_content_type.hpp"
#include "index/server_file_response.hpp"
#include "util/strings.hpp"

namespace wb::index {
namespace {

/// One representation the directory can offer.
struct Offer {
    std::string_view media_type;    ///< what Accept names
    std::string_view content_type;  ///< what Content-Type says
    std::string_view variant;       ///< ETag suffix
    const TreeFile* file;
};

/// The value of the PEP 691 "format" query parameter, if the query has one.
std::optional<std::string> format_parameter(std::string_view query) {
    for (const auto& pair : util::split(query, '&')) {
        if (pair.rfind("format=", 0) != 0) continue;
        std::string value = util::replace_all(pair.substr(7), "+", " ");
        if (auto decoded = percent_decode(value)) return decoded;
    }
    return std::nullopt;
}

/// The directory's index file called name, when there is one.
std::optional<TreeFile> index_file(const TreeSnapshot& snapshot, std::span<const std::string> segments,
                                   const char* name) {
    std::vector<std::string> path(segments.begin(), segments.end());
    path.push_back(name);
    return snapshot.lookup(path).file;
}

/// The offers for the files that exist, JSON first (the preferred of equally named types).
std::vector<Offer> available_offers(const std::optional<TreeFile>& json, const std::optional<TreeFile>& html) {
    std::vector<Offer> offers;
    if (json) offers.push_back({k_simple_json_type, k_simple_json_type, "json", &*json});
    if (html) {
        offers.push_back({k_simple_html_type, k_simple_html_type, "v1html", &*html});
        offers.push_back({k_text_html_type, "text/html; charset=utf-8", "html", &*html});
    }
    return offers;
}

HttpResponse not_acceptable(const std::vector<Offer>& offers) {
    std::vector<std::string> types;
    for (const auto& offer : offers) types.emplace_back(offer.media_type);
    HttpResponse response = make_error_response(406, "this page is available as: " + util::join(types, ", "));
    response.set_header("Vary", "Accept");
    return response;
}

}  // namespace

bool is_simple_index_directory(std::span<const std::string> segments) {
    return !segments.empty() && segments.size() <= 2 && segments.front() == "simple";
}

HttpResponse respond_with_simple_page(const HttpRequest& request, const TreeSnapshot& snapshot,
                                      std::span<const std::string> segments, uint64_t small_file_limit) {
    std::optional<TreeFile> json = index_file(snapshot, segments, "index.json");
    std::optional<TreeFile> html = index_file(snapshot, segments, "index.html");
    std::vector<Offer> offers = available_offers(json, html);
    if (offers.empty()) return make_error_response(404, "this index directory has neither index.json nor index.html");

    std::vector<std::string_view> media_types;
    size_t fallback = 0;
    for (size_t i = 0; i < offers.size(); ++i) {
        media_types.push_back(offers[i].media_type);
        if (offers[i].media_type == k_text_html_type) fallback = i;
    }
    std::optional<std::string> format = format_parameter(request.query);
    std::optional<std::string_view> accept = format ? std::optional<std::string_view>(*format) : request.header("Accept");
    std::optional<size_t> chosen = choose_media_type(accept, media_types, fallback);
    if (!chosen) return not_acceptable(offers);

    const Offer& offer = offers[*chosen];
    HttpResponse response = respond_with_file(request, *offer.file, {offer.content_type, offer.variant, small_file_limit});
    response.set_header("Vary", "Accept");
    return response;
}

}  // namespace wb::index
