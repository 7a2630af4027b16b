#pragma once
// The text files of a wheel's .dist-info directory: METADATA (core metadata 2.1) and WHEEL, and
// the directory's name. All check the spec and say which field is wrong.
#include <string>

#include "util/error.hpp"
#include "wheel/wheel_spec.hpp"

namespace wb::wheel {

using util::Expected;

/// METADATA: Metadata-Version 2.1, Name, Version, Summary, Home-page, License, Requires-Python,
/// Requires-Dist lines, then extra_metadata; empty fields are left out.
Expected<std::string> make_metadata(const WheelSpec& spec);

/// WHEEL: Wheel-Version 1.0, Generator, Root-Is-Purelib, one Tag line per expanded tag.
Expected<std::string> make_wheel_info(const WheelSpec& spec);

/// "<escaped name>-<normalized version>.dist-info" ("my_pkg-1.0.dist-info").
Expected<std::string> dist_info_dir(const WheelSpec& spec);

/// The wheel's file name for this spec ("my_pkg-1.0-py3-none-any.whl").
Expected<std::string> wheel_filename(const WheelSpec& spec);

}  // namespace wb::wheel
