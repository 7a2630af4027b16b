#include "engine/shared_library_step.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "abi/library_set.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/try.hpp"
#include "wheel/zip_writer.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

util::Expected<std::vector<fs::path>> installed_shared_libraries(const fs::path& prefix) {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::path lib = prefix / "lib";
    if (!fs::is_directory(lib, ec)) return out;
    for (const auto& entry : fs::directory_iterator(lib, ec)) {
        if (!abi::is_shared_library_name(entry.path().filename().string())) continue;
        if (!fs::is_regular_file(entry.path(), ec)) continue;  // follows symlinks; a dangling one is left out
        out.push_back(entry.path());
    }
    if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot list: {}", lib.string(), ec.message()));
    std::sort(out.begin(), out.end());
    return out;
}

util::Expected<Product> make_shared_library_zip(const recipe::Recipe& recipe, const fs::path& prefix,
                                                const fs::path& out, const fs::path& build_dir, int64_t epoch) {
    std::vector<fs::path> libraries;
    WB_TRY_ASSIGN(libraries, installed_shared_libraries(prefix));
    if (libraries.empty()) {
        return util::fail(util::ErrorKind::Build,
                          fmt::format("{}: a shared_library recipe must install its side modules as "
                                      "$WB_PREFIX/lib/lib*.so (link them with $SIDE_MODULE_LDFLAGS); its build "
                                      "installed none",
                                      recipe.file.string()));
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    fs::path target = out / fmt::format("{}-{}.zip", recipe.name, recipe.version);
    auto file = util::AtomicFile::open(target);
    if (!file) return tl::unexpected(file.error());
    wheel::ZipWriter zip([&file](std::string_view bytes) { return file->write(bytes); }, epoch);
    for (const auto& library : libraries) {
        std::string bytes;
        WB_TRY_ASSIGN(bytes, util::read_file(library));
        if (bytes.compare(0, 4, std::string_view("\0asm", 4)) != 0) {
            return util::fail(util::ErrorKind::Build,
                              fmt::format("{}: {} is not a WebAssembly side module (built for the build machine?)",
                                          recipe.file.string(), library.string()));
        }
        WB_TRY(zip.add(library.filename().string(), bytes, 0755));
    }
    WB_TRY(zip.finish());
    WB_TRY(file->commit());
    std::string sha;
    WB_TRY_ASSIGN(sha, util::sha256_file_hex(target));
    return Product{fs::relative(target, build_dir).generic_string(), sha, fs::file_size(target)};
}

}  // namespace wb::engine
