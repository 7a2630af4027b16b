#pragma once
// A toolchain root as the project pins it: toolchains/NAME.yaml (the Debian suite and the packages
// wanted, each name=version) and toolchains/NAME.lock (every package the finished root holds, one
// name=version line each). The root's identity is the sha256 of that manifest (and of the commands
// that prepare the root after installing it): two roots with the same identity hold the same
// packages, so a build keyed on it is reproducible.
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::toolchain {

struct ToolchainSpec {
    std::string name;                       ///< file stem, e.g. "sid-emscripten"
    std::string suite;                      ///< Debian suite given to debootstrap, "sid"
    std::string variant = "minbase";        ///< debootstrap --variant
    std::vector<std::string> apt_options;   ///< written to the root's apt.conf.d ("Acquire::Check-Valid-Until=false")
    std::vector<std::string> packages;      ///< top-level pins, "name=version"
    std::vector<std::string> prepare;       ///< shell commands run once inside the new root (e.g. emcc's cache)
    std::vector<std::string> manifest;      ///< the lock: every installed package, sorted "name=version"
    /// sha256 of the manifest text and the prepare commands (empty without a lock)
    std::string identity;
    std::filesystem::path file;
    std::filesystem::path lock_file;
    std::string lock_problem;               ///< why the lock cannot be used (then identity is empty)

    /// The identity's first 16 hex digits, used in directory names.
    std::string short_id() const { return identity.substr(0, 16); }

    /// Parses a toolchain file; `file` names it in messages (its stem must be the name).
    static util::Expected<ToolchainSpec> parse(const std::string& text, const std::filesystem::path& file);
    /// Reads file and, when it exists, its lock (NAME.lock beside it).
    static util::Expected<ToolchainSpec> load(const std::filesystem::path& file);
};

/// Parses a manifest (lock) text: "name=version" lines, sorted, no duplicates; '#' starts a comment.
util::Expected<std::vector<std::string>> parse_manifest(const std::string& text, const std::filesystem::path& file);
/// The manifest as text (one line each, sorted) and its identity.
std::string manifest_text(const std::vector<std::string>& manifest);
std::string manifest_identity(const std::vector<std::string>& manifest, const std::vector<std::string>& prepare);

/// Lines of `wanted` that `got` lacks or has at another version, as "name: pinned V, installed W".
std::vector<std::string> manifest_differences(const std::vector<std::string>& wanted,
                                              const std::vector<std::string>& got);

}  // namespace wb::toolchain
