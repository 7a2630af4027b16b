#include "wheel/zip_input.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <array>

#include <fmt/format.h>

#include "util/strings.hpp"
#include "wheel/member_names.hpp"
#include "wheel/zip_directory.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// libarchive converts member names to the charset of the calling thread's locale, and under the C
// locale non-ASCII names fail. While alive, this makes the thread's locale C.UTF-8 (for this thread
// only; the process locale is left alone).
class Utf8LocaleScope {
public:
    Utf8LocaleScope() {
        static locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
        if (utf8 != static_cast<locale_t>(0)) m_previous = uselocale(utf8);
    }
    ~Utf8LocaleScope() {
        if (m_previous != static_cast<locale_t>(0)) uselocale(m_previous);
    }
    Utf8LocaleScope(const Utf8LocaleScope&) = delete;
    Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

private:
    locale_t m_previous = static_cast<locale_t>(0);
};

std::string archive_message(archive* a) {
    const char* text = archive_error_string(a);
    return text != nullptr ? text : "unknown libarchive error";
}

}  // namespace

struct ZipInput::Impl {
    fs::path path;
    ArchivePtr handle;
    std::string member;  // name of the current member, for messages
    std::vector<ZipMember> directory;  // what our own reading of the central directory found
    size_t next_index = 0;

    tl::unexpected<util::Error> corrupt(std::string_view what) const {
        return fail(ErrorKind::Input, fmt::format("{}: corrupt or truncated wheel (expected a zip archive): {}: {}",
                                                  path.string(), what, archive_message(handle.get())));
    }
};

ZipInput::ZipInput(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ZipInput::ZipInput(ZipInput&&) noexcept = default;
ZipInput& ZipInput::operator=(ZipInput&&) noexcept = default;
ZipInput::~ZipInput() = default;

const fs::path& ZipInput::path() const { return m_impl->path; }

Expected<ZipInput> ZipInput::open(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot open wheel: {}", path.string(),
                                               fs::exists(path, ec) ? "not a regular file" : "no such file"));
    }
    auto directory = read_zip_directory(path);
    if (!directory) return tl::unexpected(directory.error());
    std::vector<std::string> names;
    for (const ZipMember& m : *directory) names.push_back(m.name);
    if (auto ok = check_member_names(path, names); !ok) return tl::unexpected(ok.error());
    Utf8LocaleScope locale;  // libarchive picks its name conversion when the options are set
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->directory = std::move(*directory);
    impl->handle.reset(archive_read_new());
    if (!impl->handle) return fail(ErrorKind::Internal, "archive_read_new failed");
    archive* a = impl->handle.get();
    // Only zip: a tar or a bare file renamed to .whl must not be accepted as a wheel.
    archive_read_support_format_zip_seekable(a);
    // Member names in wheels are UTF-8 whatever the process locale.
    archive_read_set_format_option(a, "zip", "hdrcharset", "UTF-8");
    if (archive_read_open_filename(a, path.c_str(), 64 * 1024) != ARCHIVE_OK) {
        return impl->corrupt("cannot open");
    }
    return ZipInput(std::move(impl));
}

Expected<std::optional<WheelEntry>> ZipInput::next() {
    archive_entry* entry = nullptr;
    Utf8LocaleScope locale;
    int r = archive_read_next_header(m_impl->handle.get(), &entry);
    if (r == ARCHIVE_EOF) {
        if (m_impl->next_index != m_impl->directory.size()) return disagree(m_impl->next_index, "(no member)", 0);
        return std::optional<WheelEntry>();
    }
    // A warning comes with names the process locale cannot spell (any non-ASCII name under the C
    // locale); the UTF-8 name is still there and is what wheels use.
    const char* name = r == ARCHIVE_OK || r == ARCHIVE_WARN ? archive_entry_pathname_utf8(entry) : nullptr;
    if (name == nullptr) return m_impl->corrupt("cannot read the next member header");
    m_impl->member = name;
    int64_t size = archive_entry_size(entry);
    size_t index = m_impl->next_index++;
    bool regular = AE_IFREG == archive_entry_filetype(entry);  // links report their target's length as 0
    if (index >= m_impl->directory.size() || m_impl->directory[index].name != name ||
        (regular && m_impl->directory[index].size != static_cast<uint64_t>(size))) {
        return disagree(index, name, size);
    }
    return std::optional<WheelEntry>(WheelEntry{name, static_cast<uint64_t>(size < 0 ? 0 : size),
                                                static_cast<uint32_t>(archive_entry_mode(entry))});
}

tl::unexpected<util::Error> ZipInput::disagree(size_t index, std::string_view name, int64_t size) const {
    std::string ours = index < m_impl->directory.size()
                           ? fmt::format("'{}' ({} bytes)", util::printable(m_impl->directory[index].name),
                                         m_impl->directory[index].size)
                           : std::string("no member");
    return fail(ErrorKind::Input, fmt::format("{}: member {}: the central directory gives {}, libarchive reads '{}' ({} "
                                              "bytes): expected one reading", m_impl->path.string(), index + 1, ours,
                                              util::printable(name), size));
}

Expected<void> ZipInput::read(const std::function<Expected<void>(std::string_view)>& sink) {
    std::array<char, 64 * 1024> buffer;
    for (;;) {
        la_ssize_t n = archive_read_data(m_impl->handle.get(), buffer.data(), buffer.size());
        if (n == 0) return {};
        if (n < 0) return m_impl->corrupt(fmt::format("member '{}'", m_impl->member));
        if (auto ok = sink(std::string_view(buffer.data(), static_cast<size_t>(n))); !ok) return ok;
    }
}

Expected<std::string> ZipInput::read_all() {
    std::string content;
    auto ok = read([&](std::string_view chunk) -> Expected<void> {
        content.append(chunk);
        return {};
    });
    if (!ok) return tl::unexpected(ok.error());
    return content;
}

}  // namespace wb::wheel
