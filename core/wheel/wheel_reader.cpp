#include "wheel/wheel_reader.hpp"

#include <fmt/format.h>

#include "wheel/zip_input.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

Expected<std::vector<WheelEntry>> list_entries(const fs::path& wheel) {
    auto zip = ZipInput::open(wheel);
    if (!zip) return tl::unexpected(zip.error());
    std::vector<WheelEntry> entries;
    for (;;) {
        auto entry = zip->next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) return entries;
        entries.push_back(std::move(**entry));
    }
}

Expected<std::string> read_member(const fs::path& wheel, std::string_view member) {
    auto zip = ZipInput::open(wheel);
    if (!zip) return tl::unexpected(zip.error());
    for (;;) {
        auto entry = zip->next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) break;
        if ((*entry)->name == member) return zip->read_all();
    }
    return fail(ErrorKind::Input, fmt::format("{}: wheel has no member '{}'", wheel.string(), member));
}

}  // namespace wb::wheel
