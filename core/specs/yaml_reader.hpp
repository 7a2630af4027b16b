#pragma once
// Strict reading of YAML mappings for recipes: every key must be known, every value of the right
// type, and every error names file:line:column and what was expected.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"

namespace wb::specs {

/// Parses a YAML document; invalid YAML is an Input error naming file:line:column.
util::Expected<YAML::Node> load_yaml(const std::string& text, const std::filesystem::path& file);

/// Reads one YAML mapping, remembering which keys were consumed.
class YamlMap {
public:
    YamlMap(const YAML::Node& node, std::string path, const std::filesystem::path& file);

    /// A key another tool's schema has that this reader refuses, and why.
    struct Refused {
        std::string_view key;
        std::string_view reason;
    };
    /// Fails if the node is not a mapping, or has a key outside `known` or among `refused` (the
    /// error names the key and gives its reason).
    util::Expected<void> check_keys(std::initializer_list<std::string_view> known,
                                    std::initializer_list<Refused> refused = {}) const;

    bool has(std::string_view key) const;
    util::Expected<std::string> string(std::string_view key, bool required = false) const;
    util::Expected<std::vector<std::string>> string_list(std::string_view key) const;
    util::Expected<std::map<std::string, std::string>> string_map(std::string_view key) const;
    util::Expected<int> integer(std::string_view key, int fallback) const;
    util::Expected<bool> boolean(std::string_view key, bool fallback) const;
    /// The sub-mapping at key (an empty map if absent).
    util::Expected<YamlMap> map(std::string_view key) const;

    const YAML::Node& node() const { return m_node; }
    YAML::Node at(std::string_view key) const;
    /// "file:line:column" of the value at key (or of this map when key is empty / absent).
    std::string where(std::string_view key = {}) const;
    util::Error error_at(std::string_view key, const std::string& what) const;

private:
    YAML::Node m_node;
    std::string m_path;  ///< dotted path of this map inside the document, e.g. "source"
    std::filesystem::path m_file;
};

/// file:line:column for a node (yaml-cpp marks are 0-based).
std::string yaml_location(const std::filesystem::path& file, const YAML::Node& node);

}  // namespace wb::specs
