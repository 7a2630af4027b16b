#include "specs/yaml_reader.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::specs {
using util::ErrorKind;
using util::Expected;

std::string yaml_location(const std::filesystem::path& file, const YAML::Node& node) {
    YAML::Mark mark = node.Mark();
    if (mark.line < 0) return file.string();
    return fmt::format("{}:{}:{}", file.string(), mark.line + 1, mark.column + 1);
}

Expected<YAML::Node> load_yaml(const std::string& text, const std::filesystem::path& file) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        return util::fail(util::ErrorKind::Input, fmt::format("{}:{}:{}: invalid YAML: {}", file.string(),
                                                              e.mark.line + 1, e.mark.column + 1, e.msg));
    }
}

YamlMap::YamlMap(const YAML::Node& node, std::string path, const std::filesystem::path& file)
    : m_node(node), m_path(std::move(path)), m_file(file) {}

YAML::Node YamlMap::at(std::string_view key) const {
    if (!m_node.IsMap()) return YAML::Node();
    for (const auto& kv : m_node) {
        if (kv.first.Scalar() == key) return kv.second;
    }
    return YAML::Node();
}

bool YamlMap::has(std::string_view key) const { return at(key).IsDefined() && !at(key).IsNull(); }

std::string YamlMap::where(std::string_view key) const {
    if (!key.empty()) {
        YAML::Node value = at(key);
        if (value.IsDefined()) return yaml_location(m_file, value);
    }
    return yaml_location(m_file, m_node);
}

util::Error YamlMap::error_at(std::string_view key, const std::string& what) const {
    std::string field = key.empty() ? m_path : (m_path.empty() ? std::string(key) : m_path + "." + std::string(key));
    return util::Error{ErrorKind::Input, fmt::format("{}: '{}': {}", where(key), field, what)};
}

Expected<void> YamlMap::check_keys(std::initializer_list<std::string_view> known,
                                   std::initializer_list<Refused> refused) const {
    if (!m_node.IsDefined() || m_node.IsNull()) return {};
    if (!m_node.IsMap()) {
        return tl::unexpected(util::Error{ErrorKind::Input,
            fmt::format("{}: '{}': expected a mapping", yaml_location(m_file, m_node), m_path)});
    }
    for (const auto& kv : m_node) {
        const std::string& key = kv.first.Scalar();
        std::string where = yaml_location(m_file, kv.first);
        std::string full = m_path.empty() ? key : m_path + "." + key;
        for (const auto& r : refused) {
            if (r.key == key) {
                return util::fail(ErrorKind::Input,
                    fmt::format("{}: '{}' is a Pyodide meta.yaml key that wasm-build does not support: {}", where, full,
                                r.reason));
            }
        }
        bool ok = false;
        for (auto k : known) ok = ok || k == key;
        if (!ok) {
            std::vector<std::string> names(known.begin(), known.end());
            return util::fail(ErrorKind::Input, fmt::format("{}: unknown key '{}' (expected one of: {})", where,
                                                            full, util::join(names, ", ")));
        }
    }
    return {};
}

Expected<std::string> YamlMap::string(std::string_view key, bool required) const {
    YAML::Node value = at(key);
    if (!value.IsDefined() || value.IsNull()) {
        if (required) return tl::unexpected(error_at({}, fmt::format("missing required key '{}'", key)));
        return std::string();
    }
    if (!value.IsScalar()) return tl::unexpected(error_at(key, "expected a string"));
    return value.Scalar();
}

Expected<std::vector<std::string>> YamlMap::string_list(std::string_view key) const {
    YAML::Node value = at(key);
    std::vector<std::string> out;
    if (!value.IsDefined() || value.IsNull()) return out;
    if (!value.IsSequence()) return tl::unexpected(error_at(key, "expected a list of strings"));
    for (const auto& item : value) {
        if (!item.IsScalar()) {
            return util::fail(ErrorKind::Input, fmt::format("{}: '{}.{}': expected a string list item",
                                                            yaml_location(m_file, item), m_path, key));
        }
        out.push_back(item.Scalar());
    }
    return out;
}

Expected<std::map<std::string, std::string>> YamlMap::string_map(std::string_view key) const {
    YAML::Node value = at(key);
    std::map<std::string, std::string> out;
    if (!value.IsDefined() || value.IsNull()) return out;
    if (!value.IsMap()) return tl::unexpected(error_at(key, "expected a mapping of strings"));
    for (const auto& kv : value) {
        if (!kv.second.IsScalar()) {
            return util::fail(ErrorKind::Input, fmt::format("{}: '{}.{}.{}': expected a string",
                                                            yaml_location(m_file, kv.second), m_path, key,
                                                            kv.first.Scalar()));
        }
        out[kv.first.Scalar()] = kv.second.Scalar();
    }
    return out;
}

Expected<int> YamlMap::integer(std::string_view key, int fallback) const {
    YAML::Node value = at(key);
    if (!value.IsDefined() || value.IsNull()) return fallback;
    try {
        return value.as<int>();
    } catch (const YAML::Exception&) {
        return tl::unexpected(error_at(key, "expected an integer"));
    }
}

Expected<bool> YamlMap::boolean(std::string_view key, bool fallback) const {
    YAML::Node value = at(key);
    if (!value.IsDefined() || value.IsNull()) return fallback;
    if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) return value.Scalar() == "true";
    return tl::unexpected(error_at(key, "expected true or false"));
}

Expected<YamlMap> YamlMap::map(std::string_view key) const {
    YAML::Node value = at(key);
    std::string path = m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
    if (value.IsDefined() && !value.IsNull() && !value.IsMap()) {
        return tl::unexpected(error_at(key, "expected a mapping"));
    }
    return YamlMap(value, path, m_file);
}

}  // namespace wb::specs
