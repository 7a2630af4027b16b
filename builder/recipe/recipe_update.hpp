#pragma once
// `wasm-build recipe update`: whether a recipe pinned to a file of the package index has a newer
// release there, and the recipe's text with the new pin. Pure functions; the command
// (builder/cli/recipe_update_command.cpp) asks the index and writes the file.
#include <optional>
#include <string>
#include <vector>

#include "fetch/pypi_index.hpp"
#include "recipe/recipe.hpp"
#include "recipe/recipe_draft.hpp"
#include "specs/version.hpp"
#include "util/error.hpp"

namespace wb::recipe {

struct UpdateCheck {
    enum class Status { UpToDate, Bump, Pinned, Untracked };
    Status status = Status::UpToDate;
    std::string current;                ///< the recipe's version
    std::optional<ReleaseChoice> next;  ///< the newer release's file (Bump)
    std::vector<std::string> notes;     ///< what a person should look at (patches, a change of kind)
};

const char* update_status_name(UpdateCheck::Status status);

/// Only recipes whose source is a file of the package index (`source.pypi`) are tracked; a pinned
/// one is left alone. `files` is the project's listing; `python` the Python of the first platform.
util::Expected<UpdateCheck> check_update(const Recipe& recipe, const std::vector<fetch::IndexFile>& files,
                                         const specs::Version& python, bool has_patches);

/// meta.yaml's text with the new pin: package.version, source.pypi.file and source.sha256 replaced
/// where they are written (comments and everything else kept). The result must parse as a recipe
/// with the new values, else the error says which field could not be found.
util::Expected<std::string> bump_meta_yaml(const std::string& text, const std::filesystem::path& file,
                                           const Recipe& recipe, const ReleaseChoice& next);

}  // namespace wb::recipe
