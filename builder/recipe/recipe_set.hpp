#pragma once
// All recipes of a project (recipes/NAME/meta.yaml), loaded and checked as a whole: every
// requirement names a recipe, no dependency cycles.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::recipe {

class RecipeSet {
public:
    /// Loads every recipes/*/meta.yaml under project_dir and validates the set.
    static util::Expected<RecipeSet> load(const std::filesystem::path& project_dir);
    /// Validates recipes given in memory (tests).
    static util::Expected<RecipeSet> from_recipes(std::vector<recipe::Recipe> recipes,
                                                  std::filesystem::path project_dir);

    const recipe::Recipe* find(const std::string& name) const;
    const std::vector<recipe::Recipe>& all() const { return m_recipes; }
    const std::filesystem::path& project_dir() const { return m_project_dir; }
    /// Host dependencies a recipe names (a package's cross-build environment comes from its platform).
    std::vector<std::string> host_dependencies(const recipe::Recipe& recipe) const;
    /// What must be built before the recipe: its host dependencies, and the run requirements
    /// (transitively) of the packages among them, which the build imports beside them.
    std::vector<std::string> build_dependencies(const recipe::Recipe& recipe) const;

private:
    util::Expected<void> validate() const;
    std::vector<recipe::Recipe> m_recipes;
    std::map<std::string, size_t> m_index;
    std::filesystem::path m_project_dir;
};

/// The requirement's project name ("numpy>=1.19" -> "numpy").
std::string requirement_name(const std::string& requirement);

}  // namespace wb::recipe
