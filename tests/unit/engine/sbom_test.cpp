#include <gtest/gtest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/sbom.hpp"
#include "engine_test_support.hpp"

namespace wb::engine {
namespace {
using json = nlohmann::json;

const std::string k_source = std::string(64, 'a');
const std::string k_patch1 = std::string(64, '1');
const std::string k_patch2 = std::string(64, '2');
const std::string k_zlib_source = std::string(64, 'z');
const std::string k_zlib_patch = std::string(64, '3');

/// py_pkg 1.0 (two patches) built on platform a against zlib 1.3 (one patch).
class SbomTest : public ::testing::Test {
protected:
    SbomTest() : m_platforms(test::two_platforms()) {
        m_recipe = test::make_recipe("py_pkg", recipe::BuildType::Package);
        m_node.recipe = &m_recipe;
        m_node.platform = m_platforms.find("a");
        m_node.platforms = {m_node.platform};
        m_zlib.name = "zlib";
        m_zlib.version = "1.3";
        m_zlib.inputs.parts = {{"source", k_zlib_source}, {"patch:0001-zlib.patch", k_zlib_patch}, {"builder", "2"}};
        m_in.node = &m_node;
        m_in.key = std::string(64, 'k');
        m_in.inputs.parts = {{"source", k_source}, {"patch:0001-fix.patch", k_patch1},
                             {"patch:0002-more.patch", k_patch2}, {"builder", "2"}};
        m_in.libraries = {&m_zlib};
        m_in.toolchain_identity = std::string(64, 't');
    }
    json doc() const {
        auto j = json::parse(make_sbom(m_in), nullptr, false);
        EXPECT_FALSE(j.is_discarded());
        return j;
    }
    /// The patches of a component as (file name, sha256), whatever valid CycloneDX form they take.
    static std::set<std::pair<std::string, std::string>> patches(const json& component) {
        std::set<std::pair<std::string, std::string>> out;
        std::map<std::string, std::string> hashes;
        for (const auto& p : component.value("properties", json::array())) {
            std::string name = p.at("name");
            if (name.starts_with("wasm-build:patch-sha256:")) hashes[name.substr(24)] = p.at("value");
        }
        for (const auto& p : component.at("pedigree").at("patches")) {
            std::string file = p.at("diff").at("url");
            out.emplace(file, hashes[file]);
        }
        return out;
    }

    platform::PlatformSet m_platforms;
    recipe::Recipe m_recipe;
    graph::Node m_node;
    BuildResult m_zlib;
    SbomInputs m_in;
};

TEST_F(SbomTest, IsCycloneDx16WithTheDocumentFields) {
    json d = doc();
    EXPECT_EQ(d.at("bomFormat"), "CycloneDX");
    EXPECT_EQ(d.at("specVersion"), "1.6");
    EXPECT_EQ(d.at("version"), 1);
    static const std::regex uuid("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    EXPECT_TRUE(std::regex_match(d.at("serialNumber").get<std::string>(), uuid)) << d.at("serialNumber");
    EXPECT_FALSE(d.at("metadata").contains("timestamp"));  // deterministic: no time in it
    EXPECT_EQ(d.at("metadata").at("tools").at("components").at(0).at("name"), "wasm-build");
}

TEST_F(SbomTest, DescribesThePackageFromItsSource) {
    json c = doc().at("metadata").at("component");
    EXPECT_EQ(c.at("type"), "library");
    EXPECT_EQ(c.at("name"), "py_pkg");
    EXPECT_EQ(c.at("version"), "1.0");
    EXPECT_EQ(c.at("purl"), "pkg:pypi/py-pkg@1.0");
    EXPECT_EQ(c.at("bom-ref"), "py_pkg@1.0");
    EXPECT_EQ(c.at("hashes"), json::array({{{"alg", "SHA-256"}, {"content", k_source}}}));
}

TEST_F(SbomTest, ListsEveryPatchWithItsHashInValidCycloneDx) {
    json c = doc().at("metadata").at("component");
    EXPECT_EQ(patches(c), (std::set<std::pair<std::string, std::string>>{{"0001-fix.patch", k_patch1},
                                                                         {"0002-more.patch", k_patch2}}));
    for (const auto& p : c.at("pedigree").at("patches")) {
        static const std::set<std::string> types = {"unofficial", "monkey", "backport", "cherry-pick"};
        EXPECT_TRUE(types.count(p.at("type").get<std::string>())) << p;
        // A diff's text is an attachment: its only encoding in CycloneDX 1.6 is base64.
        if (p.at("diff").contains("text")) {
            const json& text = p.at("diff").at("text");
            EXPECT_TRUE(text.contains("content")) << p;
            if (text.contains("encoding")) EXPECT_EQ(text.at("encoding"), "base64") << p;
        }
    }
}

TEST_F(SbomTest, ListsTheLibrariesLinkedIn) {
    json d = doc();
    ASSERT_EQ(d.at("components").size(), 1u);
    const json& zlib = d.at("components").at(0);
    EXPECT_EQ(zlib.at("name"), "zlib");
    EXPECT_EQ(zlib.at("version"), "1.3");
    EXPECT_EQ(zlib.at("hashes").at(0).at("content"), k_zlib_source);
    EXPECT_EQ(patches(zlib), (std::set<std::pair<std::string, std::string>>{{"0001-zlib.patch", k_zlib_patch}}));
    ASSERT_EQ(d.at("dependencies").size(), 1u);
    EXPECT_EQ(d.at("dependencies").at(0).at("ref"), "py_pkg@1.0");
    EXPECT_EQ(d.at("dependencies").at(0).at("dependsOn"), json::array({"zlib@1.3"}));
    EXPECT_EQ(zlib.at("bom-ref"), "zlib@1.3");
}

TEST_F(SbomTest, NamesThePlatformRootAndKey) {
    std::map<std::string, std::string> props;
    json d = doc();
    for (const auto& p : d.at("metadata").at("properties")) {
        props[p.at("name").get<std::string>()] = p.at("value").get<std::string>();
    }
    EXPECT_EQ(props.at("wasm-build:platform"), "a");
    EXPECT_EQ(props.at("wasm-build:platform-tag"), m_node.platform->tag);
    EXPECT_EQ(props.at("wasm-build:python"), "3.14");
    EXPECT_EQ(props.at("wasm-build:toolchain-root"), m_in.toolchain_identity);
    EXPECT_EQ(props.at("wasm-build:build-key"), m_in.key);
}

TEST_F(SbomTest, IsDeterministicAndFollowsTheKey) {
    std::string first = make_sbom(m_in);
    EXPECT_EQ(make_sbom(m_in), first);
    std::string serial = doc().at("serialNumber");
    m_in.key = std::string(64, 'j');
    EXPECT_NE(doc().at("serialNumber"), serial);
}

TEST_F(SbomTest, APackageWithoutPatchesOrLibrariesHasNoPedigree) {
    m_in.inputs.parts = {{"source", k_source}};
    m_in.libraries.clear();
    json d = doc();
    EXPECT_FALSE(d.at("metadata").at("component").contains("pedigree"));
    EXPECT_TRUE(d.at("components").empty());
    EXPECT_TRUE(d.at("dependencies").at(0).at("dependsOn").empty());
}

}  // namespace
}  // namespace wb::engine
