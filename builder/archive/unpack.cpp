#include "archive/unpack.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include "archive/entry_policy.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace wb::archive {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

uint64_t UnpackLimits::budget(uint64_t archive_bytes) const {
    uint64_t ratio = std::max<uint64_t>(max_ratio, 1);
    uint64_t by_ratio = archive_bytes > UINT64_MAX / ratio ? UINT64_MAX : archive_bytes * ratio;
    return std::min(max_total_bytes, std::max(ratio_floor, by_ratio));
}

namespace {

struct ReadDeleter {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
struct WriteDeleter {
    void operator()(struct archive* a) const { archive_write_free(a); }
};
using ReadHandle = std::unique_ptr<struct archive, ReadDeleter>;
using WriteHandle = std::unique_ptr<struct archive, WriteDeleter>;

/// libarchive's own protections, on top of ours. Its NOABSOLUTEPATHS flag cannot be used because
/// we give it absolute paths under the temporary directory (the alternative, chdir(), is
/// process-wide); entry_components() refuses absolute entry names before that prefixing.
constexpr int k_disk_flags = ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                             ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME;

/// Removes the temporary tree unless it was renamed into place.
struct TreeGuard {
    fs::path path;
    ~TreeGuard() {
        if (!path.empty()) util::remove_tree_quiet(path);
    }
};

/// Walks one archive, checking and writing each entry under m_tmp.
class Extractor {
public:
    Extractor(const fs::path& archive, const fs::path& tmp, const UnpackLimits& limits)
        : m_archive(archive), m_tmp(tmp), m_limits(limits) {
        std::error_code ec;
        auto size = fs::file_size(archive, ec);
        m_archive_bytes = ec ? 0 : size;
        m_budget = limits.budget(m_archive_bytes);
    }

    Expected<void> run();
    uint64_t entries() const { return m_entries; }
    uint64_t bytes() const { return m_bytes; }

private:
    Expected<void> open();
    Expected<void> extract_entry(struct archive_entry* entry);
    Expected<void> check_entry(struct archive_entry* entry, const std::string& name,
                               const std::vector<std::string>& parts);
    Expected<void> check_hardlink(const std::string& name, const char* target);
    Expected<void> copy_data(const std::string& name);
    tl::unexpected<util::Error> refuse(const std::string& name, const std::string& reason) const {
        return fail(ErrorKind::Input,
                    fmt::format("{}: entry '{}' {}", m_archive.string(), util::printable(name), reason));
    }

    fs::path m_archive;
    fs::path m_tmp;
    UnpackLimits m_limits;
    ReadHandle m_reader;
    WriteHandle m_writer;
    uint64_t m_archive_bytes = 0;
    uint64_t m_budget = 0;  ///< bytes this archive may unpack to
    uint64_t m_entries = 0;
    uint64_t m_bytes = 0;

    tl::unexpected<util::Error> over_budget(const std::string& name) const {
        if (m_budget == m_limits.max_total_bytes) {
            return refuse(name, fmt::format("would exceed the limit of {} unpacked bytes", m_budget));
        }
        return refuse(name, fmt::format("would exceed the limit of {} unpacked bytes ({} times the archive's {} "
                                        "bytes: a compression bomb, or raise source.unpack.max-ratio)",
                                        m_budget, m_limits.max_ratio, m_archive_bytes));
    }
};

Expected<void> Extractor::open() {
    m_reader.reset(archive_read_new());
    m_writer.reset(archive_write_disk_new());
    if (!m_reader || !m_writer) return fail(ErrorKind::Internal, "libarchive: out of memory");
    archive_read_support_filter_all(m_reader.get());
    archive_read_support_format_tar(m_reader.get());
    archive_read_support_format_zip(m_reader.get());
    archive_write_disk_set_options(m_writer.get(), k_disk_flags);
    if (archive_read_open_filename(m_reader.get(), m_archive.c_str(), 1 << 16) != ARCHIVE_OK) {
        return fail(ErrorKind::Input, fmt::format("{}: cannot open as an archive: {}", m_archive.string(),
                                                  archive_error_string(m_reader.get())));
    }
    return {};
}

Expected<void> Extractor::run() {
    if (auto opened = open(); !opened) return opened;
    std::string previous = "(start)";
    while (true) {
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(m_reader.get(), &entry);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
            return fail(ErrorKind::Input, fmt::format("{}: cannot read the entry after '{}': {}", m_archive.string(),
                                                      util::printable(previous), archive_error_string(m_reader.get())));
        }
        if (util::interrupted()) return fail(ErrorKind::Interrupted, m_archive.string() + ": unpacking interrupted");
        if (++m_entries > m_limits.max_entries) {
            return fail(ErrorKind::Input, fmt::format("{}: more than {} entries (the limit)", m_archive.string(),
                                                      m_limits.max_entries));
        }
        if (auto done = extract_entry(entry); !done) return done;
        const char* name = archive_entry_pathname(entry);
        previous = name ? name : "?";
    }
    if (archive_write_close(m_writer.get()) != ARCHIVE_OK) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot finish unpacking into {}: {}", m_archive.string(),
                                               m_tmp.string(), archive_error_string(m_writer.get())));
    }
    return {};
}

Expected<void> Extractor::check_hardlink(const std::string& name, const char* target) {
    auto parts = entry_components(target);
    if (!parts) {
        return refuse(name, fmt::format("is a hard link to '{}', which {}", util::printable(target), parts.error()));
    }
    if (parts->empty()) return refuse(name, "is a hard link to the destination itself");
    if (auto link = symlink_on_path(m_tmp, *parts, true)) {
        return refuse(name, fmt::format("is a hard link to '{}', which goes through the symlink '{}'",
                                        util::printable(target), util::printable(*link)));
    }
    std::error_code ec;
    fs::path resolved = m_tmp;
    for (const auto& part : *parts) resolved /= part;
    if (!fs::is_regular_file(fs::symlink_status(resolved, ec))) {
        return refuse(name, fmt::format("is a hard link to '{}', which is not a file unpacked before it",
                                        util::printable(target)));
    }
    return {};
}

Expected<void> Extractor::check_entry(struct archive_entry* entry, const std::string& name,
                                      const std::vector<std::string>& parts) {
    if (auto link = symlink_on_path(m_tmp, parts, false)) {
        return refuse(name, fmt::format("would be written through the symlink '{}'", util::printable(*link)));
    }
    if (symlink_on_path(m_tmp, parts, true)) return refuse(name, "would replace a symlink unpacked before it");
    if (const char* hardlink = archive_entry_hardlink(entry)) return check_hardlink(name, hardlink);
    switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
        case AE_IFDIR:
            return {};
        case AE_IFLNK: {
            const char* target = archive_entry_symlink(entry);
            if (!target) target = archive_entry_symlink_utf8(entry);
            std::vector<std::string> dir(parts.begin(), parts.end() - 1);
            if (auto reason = symlink_escapes(m_tmp, dir, target ? target : "")) return refuse(name, *reason);
            return {};
        }
        case AE_IFCHR: return refuse(name, "is a character device");
        case AE_IFBLK: return refuse(name, "is a block device");
        case AE_IFIFO: return refuse(name, "is a FIFO");
        case AE_IFSOCK: return refuse(name, "is a socket");
        default: return refuse(name, "has an unknown file type");
    }
}

Expected<void> Extractor::extract_entry(struct archive_entry* entry) {
    const char* raw = archive_entry_pathname(entry);
    if (!raw) raw = archive_entry_pathname_utf8(entry);
    if (!raw) return refuse("?", "has no readable name");
    std::string name = raw;
    auto parts = entry_components(name);
    if (!parts) return refuse(name, parts.error());
    if (parts->empty()) return {};  // "./": the destination itself
    if (auto checked = check_entry(entry, name, *parts); !checked) return checked;

    bool is_dir = archive_entry_filetype(entry) == AE_IFDIR && !archive_entry_hardlink(entry);
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0 &&
        static_cast<uint64_t>(archive_entry_size(entry)) > m_budget - m_bytes) {
        return over_budget(name);
    }
    fs::path target = m_tmp;
    for (const auto& part : *parts) target /= part;
    archive_entry_set_pathname(entry, target.c_str());
    if (const char* hardlink = archive_entry_hardlink(entry)) {
        auto link_parts = entry_components(hardlink);
        fs::path link_target = m_tmp;
        for (const auto& part : link_parts.value()) link_target /= part;
        archive_entry_set_hardlink(entry, link_target.c_str());
    }
    if (archive_entry_filetype(entry) != AE_IFLNK) {
        archive_entry_set_perm(entry, masked_mode(is_dir, archive_entry_perm(entry)));
    }
    if (archive_write_header(m_writer.get(), entry) < ARCHIVE_WARN) {
        return refuse(name, fmt::format("cannot be unpacked: {}", archive_error_string(m_writer.get())));
    }
    if (auto copied = copy_data(name); !copied) return copied;
    if (archive_write_finish_entry(m_writer.get()) < ARCHIVE_WARN) {
        return refuse(name, fmt::format("cannot be finished: {}", archive_error_string(m_writer.get())));
    }
    return {};
}

Expected<void> Extractor::copy_data(const std::string& name) {
    while (true) {
        const void* block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        int r = archive_read_data_block(m_reader.get(), &block, &size, &offset);
        if (r == ARCHIVE_EOF) return {};
        if (r < ARCHIVE_WARN) {
            return refuse(name, fmt::format("cannot be read: {}", archive_error_string(m_reader.get())));
        }
        if (util::interrupted()) return fail(ErrorKind::Interrupted, m_archive.string() + ": unpacking interrupted");
        if (size > m_budget - m_bytes) {
            return over_budget(name);
        }
        m_bytes += size;
        // libarchive reports a failed write(2) (a full disk, a file size limit) as a mere warning:
        // anything but OK is an error here, or a short file would pass for the source.
        if (archive_write_data_block(m_writer.get(), block, size, offset) != ARCHIVE_OK) {
            int err = archive_errno(m_writer.get());
            return fail(ErrorKind::Io, fmt::format("{}: entry '{}' cannot be written into {}: {}{}", m_archive.string(),
                                                   util::printable(name), m_tmp.string(),
                                                   archive_error_string(m_writer.get()),
                                                   err > 0 ? fmt::format(" ({})", std::strerror(err)) : ""));
        }
    }
}

/// Checks dest is free to take (absent or an empty directory); returns whether it exists.
Expected<bool> dest_is_free(const fs::path& dest) {
    std::error_code ec;
    auto status = fs::symlink_status(dest, ec);
    if (!fs::exists(status)) return false;
    if (fs::is_directory(status) && fs::is_empty(dest, ec)) return true;
    return fail(ErrorKind::Io, fmt::format("{}: cannot unpack here: it already exists and is not an empty directory",
                                           dest.string()));
}

fs::path single_root(const fs::path& dir) {
    std::error_code ec;
    fs::path only;
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (++count > 1) return {};
        only = entry.path().filename();
        if (!entry.is_directory(ec) || entry.is_symlink(ec)) return {};
    }
    return count == 1 ? only : fs::path();
}

}  // namespace

Expected<UnpackResult> unpack(const fs::path& archive, const fs::path& dest, const UnpackLimits& limits,
                              bool strip_single_root) {
    std::error_code ec;
    if (!fs::is_regular_file(archive, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: no such archive file", archive.string()));
    }
    fs::path absolute = fs::absolute(dest, ec).lexically_normal();
    if (absolute.filename().empty()) absolute = absolute.parent_path();
    fs::create_directories(absolute.parent_path(), ec);
    fs::path parent = fs::canonical(absolute.parent_path(), ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create the parent directory: {}", dest.string(), ec.message()));
    fs::path final_path = parent / absolute.filename();
    auto exists = dest_is_free(final_path);
    if (!exists) return tl::unexpected(exists.error());

    auto tmp = util::make_temp_dir(parent, "." + absolute.filename().string() + ".unpack-");
    if (!tmp) return tl::unexpected(tmp.error());
    TreeGuard guard{*tmp};
    Extractor extractor(archive, *tmp, limits);
    if (auto done = extractor.run(); !done) return tl::unexpected(done.error());
    if (auto escaping = find_escaping_symlink(*tmp)) {
        return fail(ErrorKind::Input, fmt::format("{}: {}", archive.string(), *escaping));
    }
    fs::permissions(*tmp, fs::perms(0755), ec);
    if (*exists) fs::remove(final_path, ec);
    fs::rename(*tmp, final_path, ec);
    if (ec) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot move the unpacked tree into place as {}: {}", archive.string(),
                                               final_path.string(), ec.message()));
    }
    guard.path.clear();
    util::sync_directory(parent);

    UnpackResult result{dest, extractor.entries(), extractor.bytes()};
    if (strip_single_root) {
        fs::path only = single_root(final_path);
        if (!only.empty()) result.root = dest / only;
    }
    return result;
}

}  // namespace wb::archive
