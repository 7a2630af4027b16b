#pragma once
// PEP 440 versions of Python distributions: parsing (normalized and non-normalized spellings),
// the normalized text form, and the full PEP 440 ordering (1.0.dev1 < 1.0a1 < 1.0 < 1.0.post1).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/error.hpp"

namespace wb::specs {

using util::Expected;

/// A pre-release marker: 'a', 'b' or "rc" (alpha/beta/c/pre/preview are normalized to these).
struct PreRelease {
    std::string letter;
    uint64_t number = 0;
};

/// One dot-separated segment of a local version label ("ubuntu" or 1 in "+ubuntu.1").
using LocalSegment = std::variant<uint64_t, std::string>;

class Version {
public:
    /// Parses a PEP 440 version; leading 'v', surrounding whitespace, any case and the
    /// alternative spellings PEP 440 normalizes ("1.0-alpha.2", "1.0-1", "1.0_dev") are accepted.
    static Expected<Version> parse(std::string_view text);

    /// The normalized form ("1!2.0rc1.post2.dev3+local.7").
    std::string str() const;

    uint64_t epoch() const { return m_epoch; }
    const std::vector<uint64_t>& release() const { return m_release; }
    const std::optional<PreRelease>& pre() const { return m_pre; }
    std::optional<uint64_t> post() const { return m_post; }
    std::optional<uint64_t> dev() const { return m_dev; }
    const std::vector<LocalSegment>& local() const { return m_local; }

    /// True for pre-releases and development releases.
    bool is_prerelease() const { return m_pre.has_value() || m_dev.has_value(); }
    /// The version without its local label ("1.0+abc" -> "1.0"), used by specifier matching.
    Version public_version() const;

    /// PEP 440 ordering; trailing zeros of the release do not count (1.0 == 1.0.0).
    std::strong_ordering operator<=>(const Version& other) const;
    bool operator==(const Version& other) const { return (*this <=> other) == 0; }

private:
    friend class VersionParser;
    uint64_t m_epoch = 0;
    std::vector<uint64_t> m_release;
    std::optional<PreRelease> m_pre;
    std::optional<uint64_t> m_post;
    std::optional<uint64_t> m_dev;
    std::vector<LocalSegment> m_local;
};

}  // namespace wb::specs
