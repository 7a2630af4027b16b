#include "fetch/debian_source.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::fetch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

constexpr size_t k_output_tail_lines = 12;

bool all_of_chars(std::string_view text, std::string_view extra) {
    return std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos;
    });
}

std::string last_lines(std::string_view output, size_t count) {
    std::vector<std::string> lines;
    for (auto& line : util::split(output, '\n')) {
        if (!util::trim(line).empty()) lines.push_back(std::string(util::trim(line)));
    }
    if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<long>(count));
    return util::join(lines, "\n  ");
}

/// Removes the download directory whatever happens.
struct TempDirGuard {
    fs::path path;
    ~TempDirGuard() { util::remove_tree_quiet(path); }
};

bool is_orig_tarball(const std::string& name) {
    size_t pos = name.rfind(".orig.tar.");
    if (pos == std::string::npos || pos == 0) return false;
    std::string_view compression = std::string_view(name).substr(pos + 10);
    return compression == "gz" || compression == "xz" || compression == "bz2" || compression == "lzma" ||
           compression == "zst";
}

std::vector<std::string> regular_files_in(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

Expected<void> validate_debian_source(const DebianSource& source, std::string_view origin) {
    if (source.package.size() < 2 || !all_of_chars(source.package, "+.-") || source.package[0] == '-' ||
        source.package[0] == '.') {
        return fail(ErrorKind::Input, fmt::format("{}: '{}' is not a Debian source package name", origin, source.package));
    }
    if (source.version.empty() || !all_of_chars(source.version, ".+~:-") || !std::isdigit(static_cast<unsigned char>(source.version[0]))) {
        return fail(ErrorKind::Input, fmt::format("{}: '{}' is not a Debian version (expected e.g. 1.2.3-1)", origin,
                                                  source.version));
    }
    if (!source.file.empty() &&
        (!all_of_chars(source.file, "+.-_~:") || source.file[0] == '.' || source.file[0] == '-')) {
        return fail(ErrorKind::Input, fmt::format("{}: '{}' is not a plain file name", origin, source.file));
    }
    return {};
}

Expected<std::string> pick_debian_file(const std::vector<std::string>& names, const std::string& wanted,
                                       std::string_view what) {
    std::string listing = names.empty() ? "nothing" : util::join(names, ", ");
    if (!wanted.empty()) {
        if (std::find(names.begin(), names.end(), wanted) != names.end()) return wanted;
        return fail(ErrorKind::Input, fmt::format("{}: no file named {} was downloaded (got: {})", what, wanted, listing));
    }
    std::vector<std::string> candidates;
    std::copy_if(names.begin(), names.end(), std::back_inserter(candidates), is_orig_tarball);
    if (candidates.size() == 1) return candidates.front();
    return fail(ErrorKind::Input,
                fmt::format("{}: expected exactly one *.orig.tar.* file, found {} (got: {}); name the file to use",
                            what, candidates.size(), listing));
}

DebianSourceFetcher::DebianSourceFetcher(util::ProcessRunner& runner, std::chrono::seconds timeout)
    : m_runner(runner), m_timeout(timeout) {}

Expected<fs::path> DebianSourceFetcher::fetch(const DebianSource& source, std::string_view sha256,
                                              std::string_view origin, SourceStore& store) {
    if (auto valid = validate_debian_source(source, origin); !valid) return tl::unexpected(valid.error());
    std::string spec = source.package + "=" + source.version;
    std::string what = fmt::format("{}: Debian source {}", origin, spec);

    auto dir = util::make_temp_dir(store.tmp_dir(), "apt-source-");
    if (!dir) return tl::unexpected(dir.error());
    TempDirGuard guard{*dir};

    util::Command command;
    command.argv = {"apt-get", "source", "--download-only", spec};
    command.cwd = *dir;
    command.timeout = m_timeout;
    auto result = m_runner.run(command);
    if (!result) return tl::unexpected(result.error());
    if (result->interrupted) return fail(ErrorKind::Interrupted, what + ": interrupted");
    if (!result->ok()) {
        std::string status = result->timed_out ? fmt::format("timed out after {}s", m_timeout.count())
                                               : fmt::format("exit status {}", result->exit_code);
        return fail(ErrorKind::Network,
                    fmt::format("{}: `{}` failed ({}):\n  {}\n(apt needs deb-src entries for this release in its "
                                "sources; ci/setup.sh configures them)",
                                what, util::join(command.argv, " "), status, last_lines(result->output, k_output_tail_lines)));
    }
    auto name = pick_debian_file(regular_files_in(*dir), source.file, what);
    if (!name) return tl::unexpected(name.error());
    return store.adopt(*dir / *name, sha256, fmt::format("{} file {}", what, *name));
}

}  // namespace wb::fetch
