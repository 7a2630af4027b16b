#pragma once
// What a wheel is made of besides its files: the project's name and version, its compatibility
// tag and the core metadata that goes into METADATA and WHEEL.
#include <string>
#include <utility>
#include <vector>

#include "specs/wheel_name.hpp"

namespace wb::wheel {

struct WheelSpec {
    std::string name;     ///< project name as published ("Pillow")
    std::string version;  ///< PEP 440; written normalized
    specs::WheelTag tag;
    bool root_is_purelib = false;
    std::vector<std::string> requires_dist;  ///< PEP 508 requirements
    std::string summary;                      ///< one line
    std::string home_page;
    std::string license;                      ///< may span lines
    std::string requires_python;              ///< a PEP 440 specifier (">=3.11"), may be empty
    std::string generator = "wasm-build";
    /// More METADATA fields, in order, e.g. {"Provides-Extra", "tests"}.
    std::vector<std::pair<std::string, std::string>> extra_metadata;
    /// When set, METADATA exactly as a build backend wrote it (the fields above then only name the
    /// wheel and its WHEEL file).
    std::string metadata_text;
    /// More files of the .dist-info directory (path inside it -> content): entry_points.txt,
    /// licenses/…, sboms/…; written after METADATA and WHEEL, before RECORD, in name order.
    std::vector<std::pair<std::string, std::string>> dist_info_files;
};

}  // namespace wb::wheel
