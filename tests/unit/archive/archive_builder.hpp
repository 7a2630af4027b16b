#pragma once
// Writes test archives with libarchive, including entries no well-behaved tool would produce
// (absolute and ../ names, devices, links out of the tree), so the unpacker's refusals can be tested.
#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace wb::test {

class ArchiveBuilder {
public:
    enum class Format { Tar, TarGz, TarXz, TarBz2, Zip };

    ArchiveBuilder(const std::filesystem::path& file, Format format) : m_archive(archive_write_new()) {
        if (format == Format::Zip) {
            archive_write_set_format_zip(m_archive);
        } else {
            archive_write_set_format_pax_restricted(m_archive);
        }
        if (format == Format::TarGz) archive_write_add_filter_gzip(m_archive);
        if (format == Format::TarXz) archive_write_add_filter_xz(m_archive);
        if (format == Format::TarBz2) archive_write_add_filter_bzip2(m_archive);
        check(archive_write_open_filename(m_archive, file.c_str()));
    }
    ~ArchiveBuilder() { close(); }
    ArchiveBuilder(const ArchiveBuilder&) = delete;
    ArchiveBuilder& operator=(const ArchiveBuilder&) = delete;

    ArchiveBuilder& file(const std::string& name, const std::string& content, unsigned mode = 0644) {
        return add(name, AE_IFREG, mode, content);
    }
    ArchiveBuilder& dir(const std::string& name, unsigned mode = 0755) { return add(name, AE_IFDIR, mode, ""); }
    ArchiveBuilder& symlink(const std::string& name, const std::string& target) {
        return add(name, AE_IFLNK, 0777, "", target);
    }
    ArchiveBuilder& hardlink(const std::string& name, const std::string& target) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_hardlink(entry, target.c_str());
        archive_entry_set_size(entry, 0);
        check(archive_write_header(m_archive, entry));
        archive_entry_free(entry);
        return *this;
    }
    /// A device, FIFO or socket entry (type is AE_IFCHR, AE_IFBLK, AE_IFIFO, AE_IFSOCK).
    ArchiveBuilder& special(const std::string& name, unsigned type) { return add(name, type, 0644, ""); }

    void close() {
        if (!m_archive) return;
        archive_write_close(m_archive);
        archive_write_free(m_archive);
        m_archive = nullptr;
    }

private:
    ArchiveBuilder& add(const std::string& name, unsigned type, unsigned mode, const std::string& content,
                        const std::string& symlink = "") {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, type);
        archive_entry_set_perm(entry, mode);
        archive_entry_set_mtime(entry, 1700000000, 0);
        if (type == AE_IFCHR || type == AE_IFBLK) archive_entry_set_rdev(entry, makedev(1, 3));
        if (!symlink.empty()) archive_entry_set_symlink(entry, symlink.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
        check(archive_write_header(m_archive, entry));
        if (!content.empty()) archive_write_data(m_archive, content.data(), content.size());
        archive_entry_free(entry);
        return *this;
    }
    void check(int r) {
        if (r < ARCHIVE_WARN) throw std::runtime_error(std::string("archive writer: ") + archive_error_string(m_archive));
    }

    struct archive* m_archive;
};

}  // namespace wb::test
