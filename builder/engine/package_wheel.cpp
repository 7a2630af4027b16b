#include "engine/package_wheel.hpp"

#include <fmt/format.h>

#include "wheel/wheel_writer.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

bool has_extension_modules(const fs::path& site_dir) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(site_dir, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file() && it->path().extension() == ".so") return true;
    }
    return false;
}

util::Expected<fs::path> make_package_wheel(const BuildContext& ctx, const recipe::Recipe& recipe,
                                            const fs::path& site_dir, const fs::path& out_dir) {
    std::error_code ec;
    if (!fs::is_directory(site_dir, ec) || fs::is_empty(site_dir, ec)) {
        return util::fail(util::ErrorKind::Build, fmt::format("{}: the build installed nothing into {} (expected the "
                                                              "package's modules)", recipe.file.string(),
                                                              site_dir.string()));
    }
    wheel::WheelSpec spec;
    spec.name = recipe.name;
    spec.version = recipe.version;
    bool binary = has_extension_modules(site_dir);
    spec.tag = binary ? specs::WheelTag{"cp" + ctx.platform.abi_tag.substr(2), ctx.platform.abi_tag,
                                        ctx.platform.platform_tag}
                      : specs::WheelTag::pure_python();
    spec.root_is_purelib = !binary;
    spec.requires_dist = recipe.run_requirements;
    spec.summary = recipe.summary;
    spec.home_page = recipe.home;
    spec.license = recipe.license;
    if (binary) spec.requires_python = fmt::format("=={}.*", ctx.platform.python_short());
    fs::create_directories(out_dir, ec);
    return wheel::write_wheel(site_dir, spec, out_dir, ctx.source_date_epoch);
}

}  // namespace wb::engine
