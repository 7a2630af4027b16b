#pragma once
// Sequential reading of a zip file's members (libarchive's seekable zip reader). Opening checks the
// layout (zip_directory.hpp) and the member names (member_names.hpp) first, and every member
// libarchive returns must be the one our own reading of the central directory expects. Shared by
// the wheel reader, extractor and RECORD verifier, so none of them sees a hostile wheel.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::wheel {

class ZipInput {
public:
    /// Opens a zip file; a missing file is an Io error, anything unreadable as zip, laid out in a way
    /// readers could disagree on, or holding an unportable or unsafe member name an Input error.
    static Expected<ZipInput> open(const std::filesystem::path& path);
    ZipInput(ZipInput&&) noexcept;
    ZipInput& operator=(ZipInput&&) noexcept;
    ~ZipInput();

    /// The next member's header, or nullopt after the last one.
    Expected<std::optional<WheelEntry>> next();
    /// Streams the current member's content to sink in chunks; the CRC is checked at the end.
    Expected<void> read(const std::function<Expected<void>(std::string_view)>& sink);
    /// The current member's whole content.
    Expected<std::string> read_all();

    const std::filesystem::path& path() const;

private:
    tl::unexpected<util::Error> disagree(size_t index, std::string_view name, int64_t size) const;
    struct Impl;
    explicit ZipInput(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace wb::wheel
