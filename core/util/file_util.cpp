#include "util/file_util.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace wb::util {
namespace fs = std::filesystem;

Expected<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::Io, fmt::format("{}: cannot open for reading", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return fail(ErrorKind::Io, fmt::format("{}: read error", path.string()));
    return ss.str();
}

Expected<fs::path> make_temp_dir(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    std::string pattern = (parent / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot create temporary directory: {}", parent.string(),
                                               std::strerror(errno)));
    }
    return fs::path(pattern);
}

void remove_tree_quiet(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
}

Expected<void> copy_tree(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to, ec);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks |
                           fs::copy_options::overwrite_existing, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("copy {} -> {}: {}", from.string(), to.string(), ec.message()));
    return {};
}

fs::path temp_root() {
    const char* t = std::getenv("TMPDIR");
    return t && *t ? fs::path(t) : fs::path("/tmp");
}

void append_line(const std::filesystem::path& log, std::string_view line) {
    std::ofstream out(log, std::ios::app);
    out << line << "\n";
}

}  // namespace wb::util
