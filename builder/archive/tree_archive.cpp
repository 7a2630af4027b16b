#include "archive/tree_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <memory>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/fd.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"

namespace wb::archive {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

struct ArchiveFree {
    void operator()(struct archive* a) const { archive_free(a); }
};
using Handle = std::unique_ptr<struct archive, ArchiveFree>;
struct EntryFree {
    void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};

tl::unexpected<util::Error> archive_error(struct archive* a, const fs::path& file, const std::string& what) {
    return util::fail(ErrorKind::Io, fmt::format("{}: {}: {}", file.string(), what,
                                                 archive_error_string(a) ? archive_error_string(a) : "unknown error"));
}

Expected<void> write_entry(struct archive* out, const fs::path& dir, const fs::path& path, const fs::path& file) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        return util::fail(ErrorKind::Io, fmt::format("{}: cannot stat: {}", path.string(), std::strerror(errno)));
    }
    std::unique_ptr<struct archive_entry, EntryFree> entry(archive_entry_new());
    // lexically: fs::relative resolves symlinks, which would name a link after its target
    archive_entry_copy_pathname(entry.get(), path.lexically_relative(dir).generic_string().c_str());
    archive_entry_copy_stat(entry.get(), &st);
    archive_entry_unset_atime(entry.get());
    archive_entry_unset_ctime(entry.get());
    archive_entry_set_ino(entry.get(), 0);
    archive_entry_set_dev(entry.get(), 0);
    archive_entry_set_nlink(entry.get(), 1);
    if (S_ISLNK(st.st_mode)) {
        archive_entry_copy_symlink(entry.get(), fs::read_symlink(path).c_str());
    } else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        return util::fail(ErrorKind::Input, fmt::format("{}: not a file, directory or symlink; a packed tree holds "
                                                        "only those", path.string()));
    }
    if (archive_write_header(out, entry.get()) != ARCHIVE_OK) return archive_error(out, file, "write header");
    if (!S_ISREG(st.st_mode)) return {};
    util::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return util::fail(ErrorKind::Io, fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
    std::vector<char> buf(1 << 20);
    for (;;) {
        ssize_t n = ::read(fd.get(), buf.data(), buf.size());
        if (n < 0) return util::fail(ErrorKind::Io, fmt::format("{}: read: {}", path.string(), std::strerror(errno)));
        if (n == 0) break;
        if (archive_write_data(out, buf.data(), static_cast<size_t>(n)) != n) return archive_error(out, file, "write");
    }
    return {};
}

}  // namespace

Expected<void> pack_tree(const fs::path& dir, const fs::path& file, const PackOptions& options) {
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        paths.push_back(it->path());
    }
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
    std::sort(paths.begin(), paths.end());
    fs::path tmp = file;
    tmp += ".partial";
    util::ScopeGuard cleanup([&] { fs::remove(tmp, ec); });
    Handle out(archive_write_new());
    archive_write_set_format_pax_restricted(out.get());
    archive_write_add_filter_zstd(out.get());
    if (archive_write_open_filename(out.get(), tmp.c_str()) != ARCHIVE_OK) return archive_error(out.get(), tmp, "open");
    for (const auto& p : paths) {
        auto status = fs::symlink_status(p, ec);
        bool special = fs::is_block_file(status) || fs::is_character_file(status) || fs::is_fifo(status) ||
                       fs::is_socket(status);
        if (special && options.skip_special_files) continue;
        if (auto w = write_entry(out.get(), dir, p, tmp); !w) return w;
    }
    if (archive_write_close(out.get()) != ARCHIVE_OK) return archive_error(out.get(), tmp, "close");
    if (auto c = util::commit_rename(tmp, file); !c) return c;
    cleanup.dismiss();
    return {};
}

Expected<void> unpack_tree(const fs::path& file, const fs::path& dest) {
    std::error_code ec;
    if (fs::exists(dest, ec)) return util::fail(ErrorKind::Io, fmt::format("{}: already exists", dest.string()));
    fs::create_directories(dest, ec);
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(dest); });
    Handle in(archive_read_new());
    archive_read_support_filter_all(in.get());
    archive_read_support_format_tar(in.get());
    if (archive_read_open_filename(in.get(), file.c_str(), 1 << 20) != ARCHIVE_OK) {
        return archive_error(in.get(), file, "open");
    }
    Handle disk(archive_write_disk_new());
    archive_write_disk_set_options(disk.get(), ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                                                   ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME |
                                                   ARCHIVE_EXTRACT_OWNER);
    struct archive_entry* entry = nullptr;
    int r;
    while ((r = archive_read_next_header(in.get(), &entry)) == ARCHIVE_OK) {
        std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
        if (name.empty() || name[0] == '/' || (name + "/").find("../") != std::string::npos) {
            return util::fail(ErrorKind::Input, fmt::format("{}: entry '{}' would leave the tree", file.string(), name));
        }
        mode_t type = archive_entry_filetype(entry);
        if (type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK) {
            return util::fail(ErrorKind::Input, fmt::format("{}: entry '{}' is not a file, directory or symlink",
                                                            file.string(), name));
        }
        if (archive_entry_hardlink(entry)) {
            return util::fail(ErrorKind::Input, fmt::format("{}: entry '{}' is a hard link", file.string(), name));
        }
        archive_entry_copy_pathname(entry, (dest / name).c_str());
        if (archive_write_header(disk.get(), entry) != ARCHIVE_OK) return archive_error(disk.get(), dest / name, "create");
        const void* block;
        size_t size;
        la_int64_t offset;
        int d;
        while ((d = archive_read_data_block(in.get(), &block, &size, &offset)) == ARCHIVE_OK) {
            if (archive_write_data_block(disk.get(), block, size, offset) != ARCHIVE_OK) {
                return archive_error(disk.get(), dest / name, "write");
            }
        }
        if (d != ARCHIVE_EOF) return archive_error(in.get(), file, "read " + name);
        if (archive_write_finish_entry(disk.get()) != ARCHIVE_OK) return archive_error(disk.get(), dest / name, "finish");
    }
    if (r != ARCHIVE_EOF) return archive_error(in.get(), file, "read");
    if (archive_write_close(disk.get()) != ARCHIVE_OK) return archive_error(disk.get(), dest, "close");
    cleanup.dismiss();
    return {};
}

}  // namespace wb::archive
