#include "index/validation/canonical_json.hpp"

#include <fmt/format.h>

namespace wb::index {
namespace {

using util::ErrorKind;

void append_string(std::string& out, const std::string& text) {
    out.push_back('"');
    for (char c : text) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

Expected<void> append_value(std::string& out, const nlohmann::json& value, const std::string& where) {
    using Type = nlohmann::json::value_t;
    switch (value.type()) {
        case Type::null: out += "null"; return {};
        case Type::boolean: out += value.get<bool>() ? "true" : "false"; return {};
        case Type::number_integer: out += std::to_string(value.get<int64_t>()); return {};
        case Type::number_unsigned: out += std::to_string(value.get<uint64_t>()); return {};
        case Type::string: append_string(out, value.get_ref<const std::string&>()); return {};
        case Type::array: {
            out.push_back('[');
            size_t i = 0;
            for (const auto& item : value) {
                if (i != 0) out.push_back(',');
                auto r = append_value(out, item, fmt::format("{}[{}]", where, i++));
                if (!r) return r;
            }
            out.push_back(']');
            return {};
        }
        case Type::object: {
            out.push_back('{');
            bool first = true;
            for (const auto& [key, item] : value.items()) {  // nlohmann keeps keys sorted (std::map)
                if (!first) out.push_back(',');
                first = false;
                append_string(out, key);
                out.push_back(':');
                auto r = append_value(out, item, where + "." + key);
                if (!r) return r;
            }
            out.push_back('}');
            return {};
        }
        case Type::number_float:
            return util::fail(ErrorKind::Internal,
                              fmt::format("canonical JSON: {} is a floating-point number; only integers are allowed",
                                          where.empty() ? "value" : where));
        default:
            return util::fail(ErrorKind::Internal, fmt::format("canonical JSON: {} has an unsupported type", where));
    }
}

}  // namespace

Expected<std::string> canonical_json(const nlohmann::json& value) {
    std::string out;
    auto r = append_value(out, value, "");
    if (!r) return tl::unexpected(r.error());
    return out;
}

}  // namespace wb::index
