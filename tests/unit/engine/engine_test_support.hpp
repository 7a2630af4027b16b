#pragma once
// Shared by the engine tests: a project directory with recipe folders, platforms as PlatformSet
// leaves them (identities and flavors from a locked fake toolchain), and recipes as values.
#include <memory>
#include <string>
#include <vector>

#include "fakes/temp_dir.hpp"
#include "fakes/test_platforms.hpp"
#include "fakes/test_toolchains.hpp"
#include "graph/build_graph.hpp"
#include "platform/platform_set.hpp"
#include "recipe/recipe_set.hpp"

namespace wb::engine::test {

inline recipe::Recipe make_recipe(const std::string& name, recipe::BuildType type, std::vector<std::string> host = {}) {
    recipe::Recipe r;
    r.name = name;
    r.version = "1.0";
    r.type = type;
    if (type != recipe::BuildType::Package) r.script = "bash build.sh";
    r.source.sha256 = util::sha256_hex("source of " + name);
    r.host_requirements = std::move(host);
    r.file = "recipes/" + name + "/meta.yaml";
    return r;
}

inline recipe::Recipe lib(const std::string& name, std::vector<std::string> host = {}) {
    return make_recipe(name, recipe::BuildType::StaticLibrary, std::move(host));
}

/// Platforms "a" (3.14, the default) and "b" (3.15) on one locked toolchain: same flavor.
inline platform::PlatformSet two_platforms() {
    auto a = fakes::make_platform("a", "3.14");
    a.is_default = true;
    auto set = platform::PlatformSet::from({a, fakes::make_platform("b", "3.15")}, {fakes::make_toolchain("tc")});
    EXPECT_TRUE(set) << set.error().message;
    return std::move(*set);
}

/// A project directory (recipes/NAME/ for each recipe) in a fresh temporary directory.
class ProjectTest : public wb::test::TempDirTest {
protected:
    std::filesystem::path project() const { return dir() / "project"; }
    void add_recipes(std::vector<recipe::Recipe> recipes) {
        for (const auto& r : recipes) std::filesystem::create_directories(project() / r.dir());
        auto set = recipe::RecipeSet::from_recipes(std::move(recipes), project());
        ASSERT_TRUE(set) << set.error().message;
        m_recipes = std::make_unique<recipe::RecipeSet>(std::move(*set));
    }
    const recipe::RecipeSet& recipes() const { return *m_recipes; }

    platform::PlatformSet m_platforms = two_platforms();
    const platform::Platform& a() const { return *m_platforms.find("a"); }
    const platform::Platform& b() const { return *m_platforms.find("b"); }

private:
    std::unique_ptr<recipe::RecipeSet> m_recipes;
};

}  // namespace wb::engine::test
