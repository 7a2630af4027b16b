#pragma once
// Sequential reading of a zip file's members (libarchive's seekable zip reader, which trusts the
// central directory). Shared by the wheel reader, extractor and RECORD verifier.
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
    /// Opens a zip file; a missing file is an Io error, anything unreadable as zip an Input error.
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
    struct Impl;
    explicit ZipInput(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace wb::wheel
