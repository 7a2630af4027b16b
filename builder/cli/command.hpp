#pragma once
// The command-line layer. Each command file registers its subcommand(s) on the CLI11 app; the
// callback stores its exit code. Only files in builder/cli/ see CLI11.
#include <string>

#include <CLI/CLI.hpp>

#include "index/publish/lock_file.hpp"
#include "platform/platform.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"

namespace wb::cli {

/// Options shared by every command (command line over WASM_BUILD_* variables over defaults).
struct GlobalOptions {
    std::string project_dir = ".";  ///< holds recipes/ and patches/
    std::string cache_dir;          ///< build results, logs (WASM_BUILD_CACHE)
    std::string store_dir;          ///< sources, toolchain roots, runtimes (WASM_BUILD_STORE; default: the cache)
    std::string remote_cache;       ///< --cache URL: a remote cache beside the local one (WASM_BUILD_REMOTE_CACHE)
    bool json = false;              ///< machine-readable results on stdout
    bool verbose = false;
    int jobs = 0;                   ///< 0: number of cores
    util::Environment env;          ///< the process environment, read once in main()
};

/// Prints an error to stderr as "wasm-build: <kind>: <message>" and returns its exit code.
int report_error(const util::Error& error);

/// `wasm-build build …`
void register_build_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
/// `wasm-build fetch …`
void register_fetch_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
/// `wasm-build test …` and `wasm-build python …`
void register_runtime_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build run-node …` (hidden): builds one node of a graph, as a Slurm job does.
void register_run_node_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build abi-check WHEEL… [--platform P]`
void register_abi_check_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build recipe new …` and `recipe update …`
void register_recipe_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
/// `wasm-build recipe update …`, registered on the `recipe` subcommand by register_recipe_commands.
void register_recipe_update_command(CLI::App& recipe_app, const GlobalOptions& global, int& exit_code);

/// `wasm-build platforms`
void register_platforms_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build toolchain …`: ensure, list, lock, export, import, gc.
void register_toolchain_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build index …`: publish, verify, keygen, serve, mirror.
void register_index_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// The lock file's info for a platform of the project, found by name (`index publish --for`).
util::Expected<index::LockInfo> lock_info_for(const GlobalOptions& given, const std::string& platform);
/// The lock file's info for a platform already loaded (`site export`).
index::LockInfo lock_info_of(const platform::Platform& platform);

/// `wasm-build site export …`
void register_site_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

/// `wasm-build index serve …`, registered on the `index` subcommand by register_index_commands.
void register_index_serve_command(CLI::App& index_app, const GlobalOptions& global, int& exit_code);

}  // namespace wb::cli
