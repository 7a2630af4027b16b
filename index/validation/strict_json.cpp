#include "index/validation/strict_json.hpp"

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace wb::index {
using nlohmann::json;
using util::ErrorKind;
using util::fail;

namespace {

/// Checks nesting and key uniqueness while nlohmann's (iterative) parser walks the text; returning
/// false stops the parse at once.
class StrictSax final : public nlohmann::json_sax<json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        m_keys.emplace_back();
        return enter();
    }
    bool key(string_t& key) override {
        if (m_keys.back().insert(key).second) return true;
        m_problem = fmt::format("duplicate key \"{}\" in one object (expected each key once)", key);
        return false;
    }
    bool end_object() override {
        m_keys.pop_back();
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override {
        m_keys.emplace_back();  // keeps m_keys aligned with m_depth; arrays have no keys
        return enter();
    }
    bool end_array() override { return end_object(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        m_problem = fmt::format("not valid JSON at byte {}: {}", position, e.what());
        return false;
    }

    const std::string& problem() const { return m_problem; }

private:
    bool enter() {
        if (++m_depth <= k_max_json_depth) return true;
        m_problem = fmt::format("nested deeper than {} levels of arrays and objects", k_max_json_depth);
        return false;
    }
    size_t m_depth = 0;
    std::vector<std::set<std::string>> m_keys;
    std::string m_problem;
};

}  // namespace

Expected<json> parse_strict_json(std::string_view text, std::string_view where) {
    StrictSax sax;
    bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true, false);
    if (!ok) {
        std::string why = sax.problem().empty() ? std::string("not valid JSON") : sax.problem();
        return fail(ErrorKind::Integrity, fmt::format("{}: {}", where, why));
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail(ErrorKind::Integrity, fmt::format("{}: not valid JSON", where));
    return doc;
}

}  // namespace wb::index
