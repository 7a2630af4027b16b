#include "engine/prebuilt_wheel.hpp"

#include <fmt/format.h>

#include "specs/wheel_name.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/try.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::engine {
namespace fs = std::filesystem;
using util::ErrorKind;

namespace {

std::string source_file_name(const recipe::Recipe& r) {
    if (!r.source.pypi_file.empty()) return r.source.pypi_file;
    if (!r.source.debian_file.empty()) return r.source.debian_file;
    if (!r.source.urls.empty()) {
        std::string url = r.source.urls.front();
        url = url.substr(0, url.find_first_of("?#"));
        return url.substr(url.rfind('/') + 1);
    }
    return fs::path(r.source.path).filename().string();
}

}  // namespace

bool is_wheel_source(const recipe::Recipe& recipe) {
    return recipe.type == recipe::BuildType::Package && source_file_name(recipe).ends_with(".whl");
}

util::Expected<Product> adopt_pure_wheel(const recipe::Recipe& recipe, const fs::path& fetched, const fs::path& build_dir) {
    std::string file = source_file_name(recipe);
    specs::WheelName name;
    WB_TRY_ASSIGN(name, specs::WheelName::parse(file));
    if (name.project() != specs::normalize_name(recipe.name) || name.version != recipe.version) {
        return util::fail(ErrorKind::Input, fmt::format("{}: the wheel {} is {} {}, but the recipe says {} {}",
                                                        recipe.file.string(), file, name.project(), name.version,
                                                        recipe.name, recipe.version));
    }
    bool pure = name.abi_tag == "none" && name.platform_tag == "any";
    if (!pure) {
        return util::fail(ErrorKind::Input, fmt::format("{}: {} is not a pure-Python wheel (tag {}); a wheel with "
                                                        "compiled code is built from its source instead",
                                                        recipe.file.string(), file, name.tag().str()));
    }
    WB_TRY(wheel::verify_record(fetched));
    fs::path target = build_dir / "dist" / file;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::string bytes;
    WB_TRY_ASSIGN(bytes, util::read_file(fetched));
    WB_TRY(util::write_file_atomic(target, bytes));
    return Product{fs::relative(target, build_dir).generic_string(), util::sha256_hex(bytes), bytes.size()};
}

}  // namespace wb::engine
