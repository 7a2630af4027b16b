#include "engine/wheel_step.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "specs/wheel_name.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"
#include "wheel/wheel_reader.hpp"
#include "wheel/wheel_writer.hpp"

namespace wb::engine {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

bool is_test_dir(const fs::path& p) { return p.filename() == "tests" || p.filename() == "test"; }

bool is_test_module(const fs::path& p) {
    std::string name = p.filename().string();
    return p.extension() == ".py" && (name.starts_with("test_") || name.ends_with("_test.py"));
}

Expected<void> move_into(const fs::path& from, const fs::path& site, const fs::path& tests) {
    fs::path to = tests / fs::relative(from, site);
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    fs::rename(from, to, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot move to {}: {}", from.string(), to.string(),
                                                         ec.message()));
    return {};
}

Expected<fs::path> backend_wheel(const fs::path& dist, const recipe::Recipe& recipe) {
    std::vector<fs::path> wheels;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dist, ec)) {
        if (e.path().extension() == ".whl") wheels.push_back(e.path());
    }
    if (wheels.size() != 1) {
        return util::fail(ErrorKind::Build, fmt::format("{}: the build backend left {} wheels in its output directory "
                                                        "(expected one)", recipe.file.string(), wheels.size()));
    }
    return wheels[0];
}

/// Takes the backend's .dist-info out of site: METADATA and the other files go into the spec.
Expected<void> take_dist_info(const fs::path& site, const recipe::Recipe& recipe, wheel::WheelSpec& spec) {
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(site, ec)) {
        if (e.is_directory() && e.path().extension() == ".dist-info") dirs.push_back(e.path());
    }
    if (dirs.size() != 1) {
        return util::fail(ErrorKind::Build, fmt::format("{}: the backend's wheel has {} .dist-info directories "
                                                        "(expected one)", recipe.file.string(), dirs.size()));
    }
    for (auto it = fs::recursive_directory_iterator(dirs[0]); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        std::string name = fs::relative(it->path(), dirs[0]).generic_string();
        if (name == "RECORD" || name == "WHEEL") continue;
        std::string content;
        WB_TRY_ASSIGN(content, util::read_file(it->path()));
        if (name == "METADATA") spec.metadata_text = content;
        else spec.dist_info_files.emplace_back(name, content);
    }
    util::remove_tree_quiet(dirs[0]);
    std::string wanted = specs::normalize_name(recipe.name);
    std::string name, version;
    for (const auto& line : util::split(spec.metadata_text, '\n')) {
        if (line.starts_with("Name: ")) name = std::string(util::trim(line.substr(6)));
        if (line.starts_with("Version: ")) version = std::string(util::trim(line.substr(9)));
        if (line.empty()) break;
    }
    if (specs::normalize_name(name) != wanted || version != recipe.version) {
        return util::fail(ErrorKind::Build, fmt::format("{}: the source builds {} {}, but the recipe says {} {}",
                                                        recipe.file.string(), name, version, recipe.name,
                                                        recipe.version));
    }
    // The file and .dist-info names use the normalized name ("MarkupSafe" -> markupsafe-3.0.4-…), as
    // the binary distribution format asks; METADATA keeps the project's own spelling.
    spec.name = wanted;
    return {};
}

Expected<Product> hashed(const fs::path& wheel, const fs::path& build_dir) {
    std::string sha;
    WB_TRY_ASSIGN(sha, util::sha256_file_hex(wheel));
    return Product{fs::relative(wheel, build_dir).generic_string(), sha, fs::file_size(wheel)};
}

}  // namespace

Expected<size_t> unvendor_tests(const fs::path& site, const fs::path& tests) {
    std::vector<fs::path> moves;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(site, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it.depth() == 0 && it->path().extension() == ".dist-info") {
            it.disable_recursion_pending();
        } else if (it->is_directory() && it.depth() > 0 && is_test_dir(it->path())) {
            moves.push_back(it->path());
            it.disable_recursion_pending();
        } else if (it->is_regular_file() && it.depth() > 0 && is_test_module(it->path())) {
            moves.push_back(it->path());
        }
    }
    for (const auto& m : moves) WB_TRY(move_into(m, site, tests));
    return moves.size();
}

bool has_extension_modules(const fs::path& site) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(site, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file() && it->path().extension() == ".so") return true;
    }
    return false;
}

std::vector<std::string> foreign_extensions(const fs::path& site, const platform::Platform& platform) {
    std::vector<std::string> out;
    std::string suffix = platform.ext_suffix();
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(site, ec); it != fs::recursive_directory_iterator(); ++it) {
        std::string name = it->path().filename().string();
        if (!it->is_regular_file() || it->path().extension() != ".so" || name.ends_with(suffix)) continue;
        // Plain lib*.so / NAME.so are fine; a suffix naming another interpreter or machine is not.
        if (name.find(".cpython-") != std::string::npos || name.find("x86_64") != std::string::npos) {
            out.push_back(fmt::format("{} (expected the suffix {})", fs::relative(it->path(), site).string(), suffix));
        }
    }
    return out;
}

Expected<void> check_cross_build_files(const recipe::Recipe& recipe, const fs::path& wheel) {
    if (recipe.cross_build_files.empty()) return {};
    std::vector<wheel::WheelEntry> entries;
    WB_TRY_ASSIGN(entries, wheel::list_entries(wheel));
    std::vector<std::string> missing;
    for (const auto& f : recipe.cross_build_files) {
        bool found = std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.name == f; });
        if (!found) missing.push_back(f);
    }
    if (missing.empty()) return {};
    return util::fail(ErrorKind::Build, fmt::format("{}: build.cross-build-files names {}, which {} not in {}",
                                                    recipe.file.string(), util::join(missing, ", "),
                                                    missing.size() == 1 ? "is" : "are",
                                                    wheel.filename().string()));
}

Expected<std::vector<Product>> make_wheels(const WheelStepInput& in, const fs::path& build_dir) {
    const recipe::Recipe& recipe = *in.recipe;
    fs::path site = in.stage / "site", tests = in.stage / "tests";
    util::remove_tree_quiet(site);
    util::remove_tree_quiet(tests);
    fs::path built;
    WB_TRY_ASSIGN(built, backend_wheel(in.dist, recipe));
    WB_TRY(wheel::extract_wheel(built, site));
    if (auto foreign = foreign_extensions(site, *in.platform); !foreign.empty()) {
        return util::fail(ErrorKind::Build, fmt::format("{}: extension modules built for another target: {}",
                                                        recipe.file.string(), util::join(foreign, ", ")));
    }
    wheel::WheelSpec spec;
    spec.version = recipe.version;
    WB_TRY(take_dist_info(site, recipe, spec));
    size_t moved = 0;
    if (recipe.unvendor_tests) WB_TRY_ASSIGN(moved, unvendor_tests(site, tests));
    bool binary = has_extension_modules(site);
    specs::WheelTag tag = binary ? *specs::WheelTag::parse(in.platform->extension_wheel_tag())
                                 : specs::WheelTag::pure_python();
    spec.tag = tag;
    spec.root_is_purelib = !binary;
    spec.dist_info_files.emplace_back("sboms/wasm-build.cdx.json", make_sbom(in.sbom));
    std::vector<Product> products;
    fs::path wheel;
    WB_TRY_ASSIGN(wheel, wheel::write_wheel(site, spec, in.out, in.source_date_epoch));
    Product main;
    WB_TRY_ASSIGN(main, hashed(wheel, build_dir));
    products.push_back(main);
    if (moved > 0) {
        wheel::WheelSpec t;
        t.name = recipe.name + "-tests";
        t.version = recipe.version;
        t.tag = has_extension_modules(tests) ? tag : specs::WheelTag::pure_python();
        t.root_is_purelib = !has_extension_modules(tests);
        t.summary = fmt::format("The tests of {} {}, unvendored from its wheel", recipe.name, recipe.version);
        t.requires_dist = {fmt::format("{}=={}", specs::normalize_name(recipe.name), recipe.version)};
        WB_TRY_ASSIGN(wheel, wheel::write_wheel(tests, t, in.out, in.source_date_epoch));
        Product p;
        WB_TRY_ASSIGN(p, hashed(wheel, build_dir));
        products.push_back(p);
    }
    return products;
}

}  // namespace wb::engine
