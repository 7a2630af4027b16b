#pragma once
// What `wasm-cc --probe` learnt about one Emscripten toolchain and one set of ABI flags, so that each
// compiler call can skip emcc: the clang it runs and the flags it adds, the LLVM tools, and the exact
// commands emcc runs to link a side module. Stored as a plain `key=value` file; list values repeat
// their key.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::cc {

/// The commands emcc runs for one side-module link, with placeholders k_output_placeholder and
/// k_inputs_placeholder standing for the output file and the user's linker inputs, and
/// k_features_placeholder for the wasm features of the linked module (reported by
/// wasm-emscripten-finalize in older Emscripten, read from its target_features section since).
struct SideLinkTemplate {
    std::vector<std::vector<std::string>> steps;
};

inline constexpr const char* k_output_placeholder = "@OUT@";
inline constexpr const char* k_inputs_placeholder = "@INPUTS@";
/// wasm-opt's feature flags, known only once the module is linked.
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
    std::string emscripten_version;                      ///< "6.0.5"
    std::vector<std::string> version_text;               ///< `emcc --version` output, line by line
    std::string target;                                  ///< "wasm32-unknown-emscripten"
    std::string node_path;                               ///< NODE_PATH emcc needs (empty: leave as is)
    std::string clang;                                   ///< the clang emcc runs for C
    std::string clangxx;                                 ///< … and for C++
    /// The platform's ABI flags (`--probe --abi-flags`): every flag list and link step below is
    /// emcc's answer for a call that carries all of them.
    std::vector<std::string> abi_flags;
    std::vector<std::string> cflags;                     ///< `emcc --cflags` with the ABI flags
    std::vector<std::string> cxxflags;                   ///< `em++ --cflags` with the ABI flags
    /// Proper subsets of the ABI flags (words joined by one space, in abi_flags order) for which emcc
    /// adds the same clang flags as for all of them: a compile with such a subset is planned too.
    std::vector<std::string> abi_compile_subsets;
    /// … and those for which preprocessing (-E, -M) gives the same macros and include paths: a
    /// `cc -E` from a configure script (CPPFLAGS, no CFLAGS) is planned too.
    std::vector<std::string> abi_preprocess_subsets;
    /// Flags emcc reads as settings that change the clang flags it adds: compiles with one go to emcc.
    std::vector<std::string> compile_emcc_flags;
    bool direct_compile = true;                          ///< the probe's compile check passed
    std::vector<std::string> toolchain_dirs;             ///< never host dirs: sysroot, Emscripten's own tree
    std::map<std::string, std::string> tools;            ///< "ar" -> /usr/bin/llvm-ar-21, "ld" -> wasm-ld, …
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
