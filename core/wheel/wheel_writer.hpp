#pragma once
// Packs a staged site-packages tree into a PEP 427 wheel, reproducibly: the same tree, spec and
// timestamp always give the same bytes, written atomically under the wheel's proper file name.
#include <cstdint>
#include <filesystem>

#include "util/error.hpp"
#include "wheel/metadata.hpp"
#include "wheel/wheel_spec.hpp"

namespace wb::wheel {

using util::Expected;

/// Packs every file under staged_root (see collect_staged_files: symlinks resolved, __pycache__ and
/// top-level *.dist-info / *.egg-info skipped) plus <name>-<version>.dist-info/{METADATA,WHEEL,RECORD}
/// into out_dir/<wheel file name>, replacing any older file of that name. Members are sorted with
/// the .dist-info last and RECORD last of all; every timestamp is source_date_epoch (at least
/// 1980-01-01); modes are 0644, or 0755 for files with an exec bit. Returns the wheel's path.
Expected<std::filesystem::path> write_wheel(const std::filesystem::path& staged_root, const WheelSpec& spec,
                                            const std::filesystem::path& out_dir, int64_t source_date_epoch);

}  // namespace wb::wheel
