#include "index/serve/server_simple_page.hpp"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "index/serve/http_accept.hpp"
#include "index/serve/http_path.hpp"
#include "index/serve/server_content_type.hpp"
#include "index/serve/server_file_response.hpp"
#include "util/strings.hpp"

namespace wb::index {
namespace {

/// One representation the directory can offer.
struct Offer {
    std::string_view media_type;    ///< what Accept names
    std::string_view content_type;  ///< what Content-Type says
    std::string_view variant;       ///< ETag suffix
    const char* file_name;          ///< the file in the directory that holds it
};

/// Every representation, JSON first (the preferred of equally named types).
constexpr Offer k_offers[] = {
    {k_simple_json_type, k_simple_json_type, "json", "index.json"},
    {k_simple_html_type, k_simple_html_type, "v1html", "index.html"},
    {k_text_html_type, "text/html; charset=utf-8", "html", "index.html"},
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

/// Index of the offer that Accept (or ?format=) picks, text/html being the default.
std::optional<size_t> choose_offer(const HttpRequest& request, const std::vector<Offer>& offers) {
    std::vector<std::string_view> media_types;
    size_t fallback = 0;
    for (size_t i = 0; i < offers.size(); ++i) {
        media_types.push_back(offers[i].media_type);
        if (offers[i].media_type == k_text_html_type) fallback = i;
    }
    std::optional<std::string> format = format_parameter(request.query);
    std::optional<std::string_view> accept = format ? std::optional<std::string_view>(*format) : request.header("Accept");
    return choose_media_type(accept, media_types, fallback);
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
    // Choose first, then open only the chosen file; if it is missing, choose among what is left.
    std::vector<Offer> offers(std::begin(k_offers), std::end(k_offers));
    while (!offers.empty()) {
        std::optional<size_t> chosen = choose_offer(request, offers);
        if (!chosen) return not_acceptable(offers);
        const Offer offer = offers[*chosen];
        if (std::optional<TreeFile> file = index_file(snapshot, segments, offer.file_name)) {
            HttpResponse response = respond_with_file(request, *file, {offer.content_type, offer.variant, small_file_limit});
            response.set_header("Vary", "Accept");
            return response;
        }
        std::erase_if(offers, [&](const Offer& o) { return std::string_view(o.file_name) == offer.file_name; });
    }
    return make_error_response(404, "this index directory has neither index.json nor index.html");
}

}  // namespace wb::index
