// extract_wheel(): unpacks a wheel into a directory, refusing unsafe member names and links.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "wheel/wheel_reader.hpp"
#include "wheel/zip_input.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool is_directory_entry(const WheelEntry& e) { return S_ISDIR(e.mode) || e.name.ends_with('/'); }

std::string relative_name(const WheelEntry& e) {
    std::string name = e.name;
    while (name.ends_with('/')) name.pop_back();
    return name;
}

// Member names were checked when the wheel was opened (safe, portable, each once, no file used as a
// directory: member_names.hpp); what is left is the type: only files and directories.
Expected<void> check_entries(const fs::path& wheel, const std::vector<WheelEntry>& entries) {
    for (const auto& e : entries) {
        if (!S_ISREG(e.mode) && !S_ISDIR(e.mode)) {
            return fail(ErrorKind::Input, fmt::format("{}: member '{}' is a link or special file (mode {:o}): expected "
                                                      "only files and directories",
                                                      wheel.string(), util::printable(e.name), e.mode));
        }
    }
    return {};
}

// Creates dest/relative one directory at a time, refusing to go through anything that is not a
// real directory (a symlink could lead outside dest).
Expected<void> make_real_dirs(const fs::path& dest, const fs::path& relative) {
    fs::path current = dest;
    for (const auto& part : relative) {
        current /= part;
        std::error_code ec;
        auto status = fs::symlink_status(current, ec);
        if (status.type() == fs::file_type::not_found) {
            fs::create_directory(current, ec);
            if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create directory: {}", current.string(), ec.message()));
        } else if (status.type() != fs::file_type::directory) {
            return fail(ErrorKind::Io, fmt::format("{}: expected a directory (not a link or file) to extract into",
                                                   current.string()));
        }
    }
    return {};
}

Expected<void> write_member(ZipInput& zip, const fs::path& target, uint32_t mode) {
    mode_t perms = (mode & 0111) != 0 ? 0755 : 0644;
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, perms);
    if (fd < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", target.string(), std::strerror(errno)));
    auto ok = zip.read([&](std::string_view chunk) -> Expected<void> {
        while (!chunk.empty()) {
            ssize_t n = ::write(fd, chunk.data(), chunk.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail(ErrorKind::Io, fmt::format("{}: write failed: {}", target.string(), std::strerror(errno)));
            chunk.remove_prefix(static_cast<size_t>(n));
        }
        return {};
    });
    if (ok && ::fchmod(fd, perms) != 0) {
        ok = fail(ErrorKind::Io, fmt::format("{}: chmod failed: {}", target.string(), std::strerror(errno)));
    }
    ::close(fd);
    return ok;
}

// Writes every member into the staging directory.
Expected<void> unpack_to(const fs::path& wheel, const fs::path& staging) {
    auto zip = ZipInput::open(wheel);
    if (!zip) return tl::unexpected(zip.error());
    for (;;) {
        auto entry = zip->next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) return {};
        fs::path target = staging / relative_name(**entry);
        std::error_code ec;
        fs::create_directories(is_directory_entry(**entry) ? target : target.parent_path(), ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create directory: {}", target.string(), ec.message()));
        if (!is_directory_entry(**entry)) {
            if (auto ok = write_member(*zip, target, (*entry)->mode); !ok) return ok;
        }
    }
}

// Flushes everything written under dir to disk with one call.
void sync_tree(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::syncfs(fd);
    ::close(fd);
}

struct RemoveOnExit {
    fs::path path;
    ~RemoveOnExit() { util::remove_tree_quiet(path); }
};

}  // namespace

Expected<void> extract_wheel(const fs::path& wheel, const fs::path& dest) {
    auto entries = list_entries(wheel);
    if (!entries) return tl::unexpected(entries.error());
    if (auto ok = check_entries(wheel, *entries); !ok) return ok;
    std::error_code ec;
    fs::create_directories(dest, ec);
    if (!fs::is_directory(dest, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot create the directory to extract {} into", dest.string(),
                                               wheel.filename().string()));
    }
    auto staging = util::make_temp_dir(dest, ".wb-extract-");
    if (!staging) return tl::unexpected(staging.error());
    RemoveOnExit cleanup{*staging};
    if (auto ok = unpack_to(wheel, *staging); !ok) return ok;
    sync_tree(*staging);

    std::set<fs::path> touched = {dest};
    for (const auto& e : *entries) {
        fs::path relative = relative_name(e);
        bool is_dir = is_directory_entry(e);
        if (auto ok = make_real_dirs(dest, is_dir ? relative : relative.parent_path()); !ok) return ok;
        if (is_dir) continue;
        fs::rename(*staging / relative, dest / relative, ec);
        if (ec) {
            return fail(ErrorKind::Io, fmt::format("{}: cannot put member '{}' in place: {}", (dest / relative).string(),
                                                   e.name, ec.message()));
        }
        touched.insert((dest / relative).parent_path());
    }
    for (const auto& dir : touched) util::sync_directory(dir);
    return {};
}

}  // namespace wb::wheel
