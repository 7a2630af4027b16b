#include "util/embedded_files.hpp"

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/scope_guard.hpp"

namespace wb::util {
namespace fs = std::filesystem;

std::string files_identity(EmbeddedFiles files) {
    Sha256 h;
    for (const auto& [name, content] : files) h.update(std::string(name) + "\n" + sha256_hex(content) + "\n");
    return h.finish_hex();
}

Expected<fs::path> install_files(const fs::path& parent, EmbeddedFiles files) {
    fs::path dir = parent / files_identity(files).substr(0, 16);
    std::error_code ec;
    if (fs::exists(dir, ec)) return dir;
    fs::create_directories(parent, ec);
    auto tmp = make_temp_dir(parent, ".new-");
    if (!tmp) return tl::unexpected(tmp.error());
    ScopeGuard cleanup([&] { remove_tree_quiet(*tmp); });
    for (const auto& [name, content] : files) {
        if (auto w = write_file_atomic(*tmp / std::string(name), content); !w) return tl::unexpected(w.error());
    }
    fs::permissions(*tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec, ec);
    fs::rename(*tmp, dir, ec);
    if (ec && !fs::exists(dir)) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot install: {}", dir.string(), ec.message()));
    }
    return dir;
}

}  // namespace wb::util
