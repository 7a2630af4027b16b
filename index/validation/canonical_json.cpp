#include "index/validation/canonical_json.hpp"

#include <fmt/format.h>

#include "index/validation/strict_json.hpp"

namespace wb::index {
namespace {

using util::ErrorKind;

/// Why a value has no canonical form, and where: the path is built only on failure, one segment
/// per level on the way out, so encoding costs nothing per level.
struct Problem {
    std::string path;
    std::string what;
};
using Step = tl::expected<void, Problem>;

void append_string(std::string& out, const std::string& text) {
    out.push_back('"');
    for (char c : text) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

Step inside(Step step, const std::string& segment) {
    if (!step) step.error().path.insert(0, segment);
    return step;
}

Step append_value(std::string& out, const nlohmann::json& value, size_t depth);

Step append_array(std::string& out, const nlohmann::json& value, size_t depth) {
    out.push_back('[');
    size_t i = 0;
    for (const auto& item : value) {
        if (i != 0) out.push_back(',');
        if (auto r = append_value(out, item, depth + 1); !r) return inside(r, fmt::format("[{}]", i));
        ++i;
    }
    out.push_back(']');
    return {};
}

Step append_object(std::string& out, const nlohmann::json& value, size_t depth) {
    out.push_back('{');
    bool first = true;
    for (const auto& [key, item] : value.items()) {  // nlohmann keeps keys sorted (std::map)
        if (!first) out.push_back(',');
        first = false;
        append_string(out, key);
        out.push_back(':');
        if (auto r = append_value(out, item, depth + 1); !r) return inside(r, "." + key);
    }
    out.push_back('}');
    return {};
}

Step append_value(std::string& out, const nlohmann::json& value, size_t depth) {
    using Type = nlohmann::json::value_t;
    switch (value.type()) {
        case Type::null: out += "null"; return {};
        case Type::boolean: out += value.get<bool>() ? "true" : "false"; return {};
        case Type::number_integer: out += std::to_string(value.get<int64_t>()); return {};
        case Type::number_unsigned: out += std::to_string(value.get<uint64_t>()); return {};
        case Type::string: append_string(out, value.get_ref<const std::string&>()); return {};
        case Type::array:
        case Type::object:
            if (depth >= k_max_json_depth) {
                return tl::unexpected(Problem{"", fmt::format("is nested deeper than {} levels", k_max_json_depth)});
            }
            return value.is_array() ? append_array(out, value, depth) : append_object(out, value, depth);
        case Type::number_float:
            return tl::unexpected(Problem{"", "is a floating-point number; only integers are allowed"});
        default: return tl::unexpected(Problem{"", "has an unsupported type"});
    }
}

}  // namespace

Expected<std::string> canonical_json(const nlohmann::json& value) {
    std::string out;
    auto r = append_value(out, value, 0);
    if (!r) {
        const Problem& p = r.error();
        return util::fail(ErrorKind::Internal,
                          fmt::format("canonical JSON: {} {}", p.path.empty() ? "value" : p.path, p.what));
    }
    return out;
}

}  // namespace wb::index
