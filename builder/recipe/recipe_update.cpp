#include "recipe/recipe_update.hpp"

#include <regex>

#include <fmt/format.h>

#include "util/try.hpp"

namespace wb::recipe {
using util::ErrorKind;
using util::Expected;

const char* update_status_name(UpdateCheck::Status status) {
    switch (status) {
        case UpdateCheck::Status::UpToDate: return "up-to-date";
        case UpdateCheck::Status::Bump: return "bump";
        case UpdateCheck::Status::Pinned: return "pinned";
        case UpdateCheck::Status::Untracked: return "untracked";
    }
    return "?";
}

Expected<UpdateCheck> check_update(const Recipe& recipe, const std::vector<fetch::IndexFile>& files,
                                   const specs::Version& python, bool has_patches) {
    UpdateCheck check;
    check.current = recipe.version;
    if (recipe.source.pypi_file.empty()) {
        check.status = UpdateCheck::Status::Untracked;
        return check;
    }
    if (recipe.pinned) {
        check.status = UpdateCheck::Status::Pinned;
        return check;
    }
    bool wheel_now = recipe.source.pypi_file.ends_with(".whl");
    ReleaseChoice newest;  // of the kind the recipe has, when the release offers it
    WB_TRY_ASSIGN(newest, choose_release(files, recipe.source.pypi_project, std::nullopt, python,
                                         /*prefer_sdist=*/!wheel_now));
    specs::Version have, latest;
    WB_TRY_ASSIGN(have, specs::Version::parse(recipe.version));
    WB_TRY_ASSIGN(latest, specs::Version::parse(newest.version));
    if (!(have < latest)) return check;
    check.status = UpdateCheck::Status::Bump;
    if (wheel_now && !newest.pure_wheel) {
        check.notes.push_back(fmt::format("{} publishes no pure wheel: the recipe then builds the sdist {}",
                                          newest.version, newest.file.filename));
    } else if (!wheel_now && newest.pure_wheel) {
        check.notes.push_back(fmt::format("{} publishes no sdist: the recipe then takes the pure wheel {} as it "
                                          "is instead of building",
                                          newest.version, newest.file.filename));
    }
    if (has_patches) check.notes.push_back("the recipe's patches must still apply: the trial build says");
    check.next = std::move(newest);
    return check;
}

namespace {

/// Replaces the one line matching `line` (a regex whose group 1 is kept and group 2 replaced).
Expected<std::string> replace_line(const std::string& text, const std::filesystem::path& file, const std::regex& line,
                                   const std::string& value, const char* field) {
    std::smatch m;
    if (!std::regex_search(text, m, line)) {
        return util::fail(ErrorKind::Input, fmt::format("{}: cannot find {} to change it; edit the recipe by hand",
                                                        file.string(), field));
    }
    return m.prefix().str() + m[1].str() + value + m[3].str() + m.suffix().str();
}

}  // namespace

Expected<std::string> bump_meta_yaml(const std::string& text, const std::filesystem::path& file, const Recipe& recipe,
                                     const ReleaseChoice& next) {
    auto quoted = [](const std::string& s) { return std::regex_replace(s, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)"); };
    std::string out = text;
    // The first `version:` at two-space indentation is package.version (the package section comes first).
    WB_TRY_ASSIGN(out, replace_line(out, file,
                                    std::regex("(\\n  version:[ \\t]*[\"']?)(" + quoted(recipe.version) +
                                               ")([\"']?[ \\t]*(#[^\\n]*)?\\n)"),
                                    next.version, "package.version"));
    WB_TRY_ASSIGN(out, replace_line(out, file,
                                    std::regex("(\\n    file:[ \\t]*[\"']?)(" + quoted(recipe.source.pypi_file) +
                                               ")([\"']?[ \\t]*(#[^\\n]*)?\\n)"),
                                    next.file.filename, "source.pypi.file"));
    WB_TRY_ASSIGN(out, replace_line(out, file,
                                    std::regex("(\\n  sha256:[ \\t]*[\"']?)(" + recipe.source.sha256 +
                                               ")([\"']?[ \\t]*(#[^\\n]*)?\\n)"),
                                    next.file.sha256, "source.sha256"));
    Recipe bumped;
    WB_TRY_ASSIGN(bumped, Recipe::parse(out, file));
    if (bumped.version != next.version || bumped.source.pypi_file != next.file.filename ||
        bumped.source.sha256 != next.file.sha256) {
        return util::fail(ErrorKind::Input, fmt::format("{}: the changed recipe does not read back with the new pin; "
                                                        "edit it by hand", file.string()));
    }
    return out;
}

}  // namespace wb::recipe
