#pragma once
// From what a package's build backend produced to the wheels the farm publishes: the backend's
// wheel is unpacked safely, its extension modules checked against the platform (the target's
// EXT_SUFFIX, never the build machine's), its tests moved into a NAME-tests wheel the way Pyodide
// unvendors them, and everything repacked deterministically with the platform's tag, the backend's
// own METADATA and a PEP 770 SBOM.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/build_result.hpp"
#include "engine/sbom.hpp"
#include "platform/platform.hpp"
#include "recipe/recipe.hpp"
#include "util/error.hpp"

namespace wb::engine {

/// Moves test directories (tests/, test/) and test modules (test_*.py, *_test.py) out of site
/// into tests, keeping their relative paths; conftest.py files stay. Returns how many were moved.
util::Expected<size_t> unvendor_tests(const std::filesystem::path& site, const std::filesystem::path& tests);

/// Whether any file under dir is an extension module (*.so).
bool has_extension_modules(const std::filesystem::path& dir);

/// Extension modules under site (*.so) whose suffix is not the platform's, as messages.
std::vector<std::string> foreign_extensions(const std::filesystem::path& site, const platform::Platform& platform);

struct WheelStepInput {
    const recipe::Recipe* recipe = nullptr;
    const platform::Platform* platform = nullptr;
    std::filesystem::path dist;   ///< where the backend wrote its wheel
    std::filesystem::path stage;  ///< scratch space
    std::filesystem::path out;    ///< where the farm's wheels go (the build's dist/)
    SbomInputs sbom;
    int64_t source_date_epoch = 315532800;
};

/// `cross-build-files`: each file the recipe names must be in its wheel (packages built against it
/// read them there); the error names the recipe and the missing files.
util::Expected<void> check_cross_build_files(const recipe::Recipe& recipe, const std::filesystem::path& wheel);

/// The farm's wheels (the package's, then its -tests wheel if any), each hashed.
util::Expected<std::vector<Product>> make_wheels(const WheelStepInput& in, const std::filesystem::path& build_dir);

}  // namespace wb::engine
