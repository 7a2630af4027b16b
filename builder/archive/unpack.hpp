#pragma once
// Safe unpacking of source archives (tar.gz/xz/bz2/zst, plain tar, zip, recognised by content).
// Every entry is checked before it is written: nothing may land outside the destination, no
// devices, FIFOs or setuid bits, bounded entry count and size. Unpacking goes to a temporary
// directory beside the destination that is renamed into place only when everything succeeded.
#include <cstdint>
#include <filesystem>

#include "util/error.hpp"

namespace wb::archive {

struct UnpackLimits {
    uint64_t max_entries = 200000;
    uint64_t max_total_bytes = 4ull << 30;
    /// Unpacked bytes per byte of the archive file, allowed beyond ratio_floor: a compression bomb
    /// stops here long before max_total_bytes (source tarballs expand 3 to 15 times).
    uint64_t max_ratio = 100;
    uint64_t ratio_floor = 64ull << 20;

    /// What an archive of archive_bytes may unpack to: max_total_bytes, or less by the ratio.
    uint64_t budget(uint64_t archive_bytes) const;
};

struct UnpackResult {
    /// The single top-level directory when strip_single_root found one, else dest.
    std::filesystem::path root;
    uint64_t entries = 0;
    uint64_t bytes = 0;
};

/// Unpacks archive into dest, which must not exist or be an empty directory. A refused entry is an
/// Input error naming the archive, the entry and the reason; nothing is left behind on failure.
/// With strip_single_root, an archive holding one top-level directory reports that directory as
/// root (dest then contains just that directory).
util::Expected<UnpackResult> unpack(const std::filesystem::path& archive, const std::filesystem::path& dest,
                                    const UnpackLimits& limits = {}, bool strip_single_root = true);

}  // namespace wb::archive
