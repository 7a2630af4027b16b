#include <gtest/gtest.h>

#include "recipe/recipe_set.hpp"

namespace wb::recipe {
namespace {

recipe::Recipe make(const std::string& name, recipe::BuildType type, std::vector<std::string> host,
                   std::vector<std::string> run = {}) {
    recipe::Recipe r;
    r.name = name;
    r.version = "1.0";
    r.type = type;
    r.host_requirements = std::move(host);
    r.run_requirements = std::move(run);
    r.file = "recipes/" + name + "/meta.yaml";
    return r;
}

TEST(RecipeSet, HostDependenciesAreTheNamedOnesOnly) {
    // A package's cross-build environment comes from its platform (graph), not from the recipe set.
    auto set = RecipeSet::from_recipes({make("xenv", recipe::BuildType::CrossEnv, {}),
                                        make("zlib", recipe::BuildType::StaticLibrary, {}),
                                        make("numpy", recipe::BuildType::Package, {}),
                                        make("pillow", recipe::BuildType::Package, {"zlib >= 1.2"})},
                                       "/p");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->host_dependencies(*set->find("numpy")), std::vector<std::string>{});
    EXPECT_EQ(set->host_dependencies(*set->find("pillow")), std::vector<std::string>{"zlib"});
    EXPECT_EQ(set->host_dependencies(*set->find("zlib")), std::vector<std::string>{});
    EXPECT_EQ(set->find("nothing"), nullptr);
}

TEST(RecipeSet, SuiteRequirementsMustBeRecipes) {
    auto pkg = make("pkg", recipe::BuildType::Package, {});
    pkg.test.suite_requires = {"pytest"};
    auto set = RecipeSet::from_recipes({pkg}, "/p");
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().kind, util::ErrorKind::Input);
    EXPECT_NE(set.error().message.find("unknown dependency 'pytest' in test.suite.requires"), std::string::npos)
        << set.error().message;
    auto with = RecipeSet::from_recipes({pkg, make("pytest", recipe::BuildType::Package, {})}, "/p");
    EXPECT_TRUE(with) << with.error().message;
}

TEST(RecipeSet, APackageAsAHostRequirementIsAccepted) {
    // Its build sees the package's unpacked wheel (engine/host_packages.hpp).
    auto set = RecipeSet::from_recipes({make("numpy", recipe::BuildType::Package, {}),
                                        make("pyerfa", recipe::BuildType::Package, {"numpy"})},
                                       "/p");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->host_dependencies(*set->find("pyerfa")), std::vector<std::string>{"numpy"});
}

TEST(RecipeSet, DuplicateNamesAreRefused) {
    auto set = RecipeSet::from_recipes({make("a", recipe::BuildType::StaticLibrary, {}),
                                        make("a", recipe::BuildType::Package, {})},
                                       "/p");
    ASSERT_FALSE(set);
    EXPECT_NE(set.error().message.find("duplicate recipe name 'a'"), std::string::npos);
}

TEST(RecipeSet, UnknownDependencyIsAnInputError) {
    auto set = RecipeSet::from_recipes({make("a", recipe::BuildType::StaticLibrary, {"missing"})}, "/p");
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().kind, util::ErrorKind::Input);
    EXPECT_NE(set.error().message.find("unknown dependency 'missing' in requirements.host"), std::string::npos);
}

TEST(RecipeSet, CycleIsPrintedInOrder) {
    auto set = RecipeSet::from_recipes({make("a", recipe::BuildType::StaticLibrary, {"b"}),
                                        make("b", recipe::BuildType::StaticLibrary, {"c"}),
                                        make("c", recipe::BuildType::StaticLibrary, {"a"})},
                                       "/p");
    ASSERT_FALSE(set);
    EXPECT_NE(set.error().message.find("dependency cycle: a -> b -> c -> a"), std::string::npos) << set.error().message;
}

TEST(RecipeSet, RunRequirementsAloneMayFormACycle) {
    // beautifulsoup4 needs soupsieve and soupsieve's suite needs beautifulsoup4: installed together.
    auto set = RecipeSet::from_recipes({make("beautifulsoup4", recipe::BuildType::Package, {}, {"soupsieve"}),
                                        make("soupsieve", recipe::BuildType::Package, {}, {"beautifulsoup4"})},
                                       "/p");
    ASSERT_TRUE(set) << set.error().message;
}

TEST(RecipeSet, ACycleThroughAHostPackagesRunRequirementsIsRefused) {
    // Building a imports b, which needs c at run time; c cannot be built before a.
    auto set = RecipeSet::from_recipes({make("a", recipe::BuildType::Package, {"b"}),
                                        make("b", recipe::BuildType::Package, {}, {"c"}),
                                        make("c", recipe::BuildType::Package, {"a"})},
                                       "/p");
    ASSERT_FALSE(set);
    EXPECT_NE(set.error().message.find("dependency cycle: a -> c -> a"), std::string::npos) << set.error().message;
    EXPECT_EQ(set.error().kind, util::ErrorKind::Input);
}

TEST(RecipeSet, RequirementNameDropsSpecifiers) {
    EXPECT_EQ(requirement_name("numpy>=1.19"), "numpy");
    EXPECT_EQ(requirement_name(" lxml "), "lxml");
}

}  // namespace
}  // namespace wb::recipe
