#pragma once
// What `wasm-cc --probe` learnt about one Emscripten toolchain, so that each compiler call can skip
// emcc: the clang it runs and the flags it adds, the LLVM tools, and the exact commands emcc runs to
// link a side module. Stored as a plain `key=value` file; list values repeat their key.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::cc {

/// The commands emcc runs for one side-module link, with placeholders k_output_placeholder and
/// k_inputs_placeholder standing for the output file and the user's linker inputs, and
/// k_features_placeholder for the wasm features the finalize step reports.
struct SideLinkTemplate {
    std::vector<std::vector<std::string>> steps;
};

inline constexpr const char* k_output_placeholder = "@OUT@";
inline constexpr const char* k_inputs_placeholder = "@INPUTS@";
/// wasm-opt's feature flags, known only once wasm-emscripten-finalize has looked at the module.
inline constexpr const char* k_features_placeholder = "@FEATURES@";
/// The binaryen tool whose metadata emcc reads.
inline constexpr std::string_view k_finalize_program = "wasm-emscripten-finalize";

/// "wasm-emscripten-finalize" or a path ending in "/wasm-emscripten-finalize".
inline bool is_finalize_program(std::string_view program) {
    return program == k_finalize_program ||
           (program.ends_with(k_finalize_program) && program[program.size() - k_finalize_program.size() - 1] == '/');
}

struct ToolchainConfig {
    std::string identity;                                ///< sha256 over everything below: the toolchain's identity
    std::string emcc;                                    ///< absolute path of emcc
    std::string empp;                                    ///< absolute path of em++
    std::string emscripten_version;                      ///< "3.1.6"
    std::vector<std::string> version_text;               ///< `emcc --version` output, line by line
    std::string target;                                  ///< "wasm32-unknown-emscripten"
    std::string node_path;                               ///< NODE_PATH emcc needs (empty: leave as is)
    std::string clang;                                   ///< the clang emcc runs for C
    std::string clangxx;                                 ///< … and for C++
    std::vector<std::string> cflags;                     ///< `emcc --cflags`
    std::vector<std::string> cxxflags;                   ///< `em++ --cflags`
    std::vector<std::string> toolchain_dirs;             ///< never host dirs: sysroot, Emscripten's own tree
    std::map<std::string, std::string> tools;            ///< "ar" -> /usr/bin/llvm-ar-14, "ld" -> wasm-ld, …
    std::vector<std::string> system_libs;                ///< -l names emcc maps to its own libraries ("c", "GL", …)
    bool threads = false;                                ///< the runtime has pthreads
    bool side_link_cxx = false;                          ///< em++ links side modules exactly as emcc does
    std::map<std::string, SideLinkTemplate> side_links;  ///< by variant: "O2", "O0+g", …

    static util::Expected<ToolchainConfig> parse(const std::string& text, const std::string& origin);
    std::string to_text() const;
    /// sha256 over the serialized fields except `identity`.
    std::string compute_identity() const;
};

/// Reads and parses a configuration file; errors name the file and line.
util::Expected<ToolchainConfig> load_toolchain_config(const std::string& path);

}  // namespace wb::cc
