#include "cc/finalize_metadata.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wb::cc {
namespace {

bool non_empty(const nlohmann::json& doc, const char* key) {
    auto it = doc.find(key);
    return it != doc.end() && !it->empty();
}

}  // namespace

util::Expected<FinalizeMetadata> FinalizeMetadata::parse(const std::string& json, const std::string& source) {
    nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return util::fail(util::ErrorKind::Build,
                          fmt::format("{}: expected a JSON object of module metadata, got: {:.200}", source, json));
    }
    FinalizeMetadata metadata;
    if (auto features = doc.find("features"); features != doc.end()) {
        if (!features->is_array()) {
            return util::fail(util::ErrorKind::Build, fmt::format("{}: expected \"features\" to be a list", source));
        }
        for (const auto& feature : *features) {
            if (!feature.is_string()) {
                return util::fail(util::ErrorKind::Build,
                                  fmt::format("{}: expected feature flags as strings, got {}", source, feature.dump()));
            }
            metadata.features.push_back(feature.get<std::string>());
        }
    }
    metadata.has_em_asm = non_empty(doc, "asmConsts");
    metadata.has_em_js = non_empty(doc, "emJsFuncs");
    return metadata;
}

std::vector<std::string> FinalizeMetadata::binaryen_feature_flags() const {
    std::vector<std::string> flags = {"--mvp-features"};
    flags.insert(flags.end(), features.begin(), features.end());
    return flags;
}

std::string FinalizeMetadata::side_module_error() const {
    if (has_em_asm) return "EM_ASM is not supported in side modules";
    if (has_em_js) return "EM_JS is not supported in side modules";
    return {};
}

}  // namespace wb::cc
