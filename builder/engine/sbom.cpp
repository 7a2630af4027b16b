#include "engine/sbom.hpp"

#include <nlohmann/json.hpp>

#include "specs/wheel_name.hpp"
#include "util/hash.hpp"

namespace wb::engine {
using json = nlohmann::json;

namespace {

/// The source and patches of a build, as CycloneDX hashes and pedigree.
json component(const std::string& type, const std::string& name, const std::string& version, const KeyInputs& in,
               const std::string& purl) {
    json c = {{"type", type}, {"name", name}, {"version", version}, {"bom-ref", name + "@" + version}};
    if (!purl.empty()) c["purl"] = purl;
    if (auto it = in.parts.find("source"); it != in.parts.end()) {
        c["hashes"] = json::array({{{"alg", "SHA-256"}, {"content", it->second}}});
    }
    // A patch is named by its diff's url; CycloneDX has no hash for a diff (its text is the diff
    // itself, base64 or plain), so each patch's sha256 is a property of the component.
    json patches = json::array();
    json properties = json::array();
    for (const auto& [part, hash] : in.parts) {
        if (part.rfind("patch:", 0) != 0) continue;
        patches.push_back({{"type", "unofficial"}, {"diff", {{"url", part.substr(6)}}}});
        properties.push_back({{"name", "wasm-build:patch-sha256:" + part.substr(6)}, {"value", hash}});
    }
    if (!patches.empty()) {
        c["pedigree"] = {{"patches", patches}};
        c["properties"] = properties;
    }
    return c;
}

}  // namespace

std::string make_sbom(const SbomInputs& in) {
    const recipe::Recipe& r = *in.node->recipe;
    const platform::Platform& p = *in.node->platform;
    json main = component("library", r.name, r.version, in.inputs,
                          "pkg:pypi/" + specs::normalize_name(r.name) + "@" + r.version);
    json components = json::array();
    json depends = json::array();
    for (const BuildResult* lib : in.libraries) {
        components.push_back(component("library", lib->name, lib->version, lib->inputs, ""));
        depends.push_back(lib->name + "@" + lib->version);
    }
    json properties = json::array({{{"name", "wasm-build:platform"}, {"value", p.name}},
                                   {{"name", "wasm-build:platform-tag"}, {"value", p.tag}},
                                   {{"name", "wasm-build:python"}, {"value", p.python_version}},
                                   {{"name", "wasm-build:toolchain-root"}, {"value", in.toolchain_identity}},
                                   {{"name", "wasm-build:build-key"}, {"value", in.key}}});
    std::string digest = util::sha256_hex(in.key + r.name);
    std::string uuid = digest.substr(0, 8) + "-" + digest.substr(8, 4) + "-5" + digest.substr(13, 3) + "-8" +
                       digest.substr(17, 3) + "-" + digest.substr(20, 12);
    json doc = {{"bomFormat", "CycloneDX"},
                {"specVersion", "1.6"},
                {"serialNumber", "urn:uuid:" + uuid},
                {"version", 1},
                {"metadata",
                 {{"component", main},
                  {"tools", {{"components", json::array({{{"type", "application"}, {"name", "wasm-build"}}})}}},
                  {"properties", properties}}},
                {"components", components},
                {"dependencies", json::array({{{"ref", r.name + "@" + r.version}, {"dependsOn", depends}}})}};
    return doc.dump(2) + "\n";
}

}  // namespace wb::engine
