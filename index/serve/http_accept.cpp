#include "index/serve/http_accept.hpp"

#include <algorithm>
#include <cstdlib>

#include "util/strings.hpp"

namespace wb::index {
namespace {

/// Reads a qvalue ("0", "0.5", "1.000"); nullopt when it is not a number.
std::optional<double> parse_q(std::string_view text) {
    text = util::trim(text);
    if (text.empty() || text.size() > 8) return std::nullopt;
    for (char c : text) {
        if ((c < '0' || c > '9') && c != '.') return std::nullopt;
    }
    std::string copy(text);
    char* end = nullptr;
    double q = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) return std::nullopt;
    return std::clamp(q, 0.0, 1.0);
}

std::optional<MediaRange> parse_range(std::string_view item) {
    auto params = util::split(item, ';');
    std::string media = util::to_lower(util::trim(params.front()));
    size_t slash = media.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == media.size()) return std::nullopt;
    MediaRange range{media.substr(0, slash), media.substr(slash + 1), 1.0};
    if (range.type == "*" && range.subtype != "*") return std::nullopt;
    for (size_t i = 1; i < params.size(); ++i) {
        std::string_view param = util::trim(params[i]);
        size_t eq = param.find('=');
        if (eq == std::string_view::npos) continue;
        if (util::to_lower(util::trim(param.substr(0, eq))) != "q") continue;
        auto q = parse_q(param.substr(eq + 1));
        if (!q) return std::nullopt;
        range.q = *q;
    }
    return range;
}

}  // namespace

std::vector<MediaRange> parse_accept(std::string_view header) {
    std::vector<MediaRange> ranges;
    for (const auto& item : util::split(header, ',')) {
        if (util::trim(item).empty()) continue;
        if (auto range = parse_range(item)) ranges.push_back(std::move(*range));
    }
    return ranges;
}

Acceptance acceptance_of(std::span<const MediaRange> ranges, std::string_view media_type) {
    std::string type = util::to_lower(media_type);
    size_t slash = type.find('/');
    std::string_view main = std::string_view(type).substr(0, slash);
    std::string_view sub = slash == std::string::npos ? std::string_view{} : std::string_view(type).substr(slash + 1);
    Acceptance best;
    for (const auto& range : ranges) {
        int specificity = 0;
        if (range.type == main && range.subtype == sub) specificity = 3;
        else if (range.type == main && range.subtype == "*") specificity = 2;
        else if (range.type == "*" && range.subtype == "*") specificity = 1;
        // The most specific range decides; among equally specific ones the highest q.
        if (specificity > best.specificity || (specificity == best.specificity && specificity > 0 && range.q > best.q)) {
            best = Acceptance{range.q, specificity};
        }
    }
    return best;
}

std::optional<size_t> choose_media_type(const std::optional<std::string_view>& accept_header,
                                        std::span<const std::string_view> offers, size_t fallback_index) {
    if (offers.empty()) return std::nullopt;
    if (fallback_index >= offers.size()) fallback_index = 0;
    if (!accept_header || util::trim(*accept_header).empty()) return fallback_index;
    auto ranges = parse_accept(*accept_header);
    if (ranges.empty()) return fallback_index;  // nothing readable: as if the header were absent
    std::optional<size_t> chosen;
    Acceptance chosen_acceptance;
    for (size_t i = 0; i < offers.size(); ++i) {
        Acceptance a = acceptance_of(ranges, offers[i]);
        if (a.q <= 0.0) continue;
        bool better = !chosen || a.q > chosen_acceptance.q ||
                      (a.q == chosen_acceptance.q && a.specificity > chosen_acceptance.specificity) ||
                      (a.q == chosen_acceptance.q && a.specificity == chosen_acceptance.specificity &&
                       a.specificity < 3 && i == fallback_index);
        if (better) {
            chosen = i;
            chosen_acceptance = a;
        }
    }
    return chosen;
}

}  // namespace wb::index
