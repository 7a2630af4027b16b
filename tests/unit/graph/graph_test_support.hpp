#pragma once
// Recipes and platforms for the graph tests, as values: libraries, packages and cross-build
// environments with the requirements a test gives; platforms with a flavor set by hand.
#include <string>
#include <vector>

#include "fakes/test_platforms.hpp"
#include "recipe/recipe_set.hpp"

namespace wb::graph::test {

inline recipe::Recipe make_recipe(const std::string& name, recipe::BuildType type, std::vector<std::string> host = {},
                                  std::vector<std::string> run = {}) {
    recipe::Recipe r;
    r.name = name;
    r.version = "1";
    r.type = type;
    if (type != recipe::BuildType::Package) r.script = "true";
    r.host_requirements = std::move(host);
    r.run_requirements = std::move(run);
    r.file = "recipes/" + name + "/meta.yaml";
    return r;
}

inline recipe::Recipe lib(const std::string& name, std::vector<std::string> host = {}, std::vector<std::string> run = {}) {
    return make_recipe(name, recipe::BuildType::StaticLibrary, std::move(host), std::move(run));
}

inline recipe::Recipe package(const std::string& name, std::vector<std::string> host = {},
                              std::vector<std::string> run = {}) {
    return make_recipe(name, recipe::BuildType::Package, std::move(host), std::move(run));
}

inline recipe::RecipeSet recipe_set(std::vector<recipe::Recipe> recipes) {
    auto set = recipe::RecipeSet::from_recipes(std::move(recipes), "/p");
    EXPECT_TRUE(set) << set.error().message;
    return std::move(*set);
}

/// A platform as PlatformSet would leave it: identity from its name, the flavor given.
inline platform::Platform platform_with(const std::string& name, const std::string& python, const std::string& flavor,
                                        const std::string& cross_env = "xenv") {
    platform::Platform p = fakes::make_platform(name, python);
    p.cross_env = cross_env;
    p.identity = util::sha256_hex("identity of " + name);
    p.flavor = flavor;
    return p;
}

}  // namespace wb::graph::test
