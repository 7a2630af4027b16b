#pragma once
// A target platform, read from platforms/NAME.yaml: everything that decides a wheel (the PEP 783
// tag, the Python version and the recipe providing its cross-build environment, the toolchain root,
// the ABI flags) and the runtime its wheels are tested in (stock Pyodide from npm). Parsed once in
// the CLI and passed down by reference; nothing else keeps a copy of these fields.
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::platform {

/// The stock runtime a platform's wheels are proven in: an npm package pinned by integrity.
struct RuntimePackage {
    std::string npm_name;          ///< "pyodide"
    std::string version;           ///< "314.0.8"
    std::string integrity;         ///< "sha512-<base64>", as npm's registry and lock files give it
    std::string python_version;    ///< the runtime's full Python version, "3.14.2"
    std::string emscripten;        ///< the Emscripten version the runtime was linked with, "5.0.3"

    std::string id() const { return npm_name + "@" + version; }
};

struct Platform {
    std::string name;                  ///< file stem, e.g. "pyemscripten_2026_0"
    std::string tag;                   ///< wheel platform tag, "pyemscripten_2026_0_wasm32"
    std::string abi_version;           ///< "2026_0" (PEP 783), or "" for the emscripten_X_Y_Z spelling
    bool enabled = true;               ///< built when no --platform is given
    bool is_default = false;           ///< the platform of `python`, the page and dist/
    std::string python_version;        ///< major.minor, "3.14"
    std::string build_python;          ///< the interpreter inside the toolchain root, "/usr/bin/python3.14"
    std::string cross_env;             ///< name of the recipe that provides the cross-build environment
    std::string toolchain;             ///< name of toolchains/NAME.yaml
    std::vector<std::string> cflags;   ///< ABI flags for every compile
    std::vector<std::string> ldflags;  ///< ABI flags for every side-module link
    RuntimePackage runtime;
    std::string file_sha256;           ///< hash of the platform file's bytes
    /// Set by PlatformSet once the toolchain root is known: sha256 over the file and the root's
    /// identity (part of every key of a node built for this platform).
    std::string identity;
    /// The same over only the root and the flags: nodes that do not link against Python (C
    /// libraries) are shared by every platform with the same flavor.
    std::string flavor;
    std::filesystem::path file;

    /// "cp314": the interpreter and ABI tag of extension wheels.
    std::string python_tag() const;
    /// "cp314-cp314-pyemscripten_2026_0_wasm32".
    std::string extension_wheel_tag() const;
    /// Emscripten's `.cpython-314-wasm32-emscripten.so`.
    std::string ext_suffix() const;

    /// Parses a platform file's text; `file` names it in messages (its stem must be the name).
    static util::Expected<Platform> parse(const std::string& text, const std::filesystem::path& file);
};

}  // namespace wb::platform
