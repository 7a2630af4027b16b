// wasm-build's entry point: parses the command line and runs one command.
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "util/subprocess.hpp"

int main(int argc, char** argv) {
    wb::util::install_interrupt_handlers();
    CLI::App app{"wasm-build: builds Python packages into wasm32 wheels and publishes them"};
    app.require_subcommand(1);
    app.fallthrough();  // global options may follow the subcommand: `wasm-build build numpy -j2`
    wb::cli::GlobalOptions global;
    global.env = wb::util::current_environment();
    app.add_option("-C,--project", global.project_dir, "Project directory holding recipes/ (WASM_BUILD_PROJECT)");
    app.add_option("--cache-dir", global.cache_dir, "Build cache directory (WASM_BUILD_CACHE)");
    app.add_option("--store-dir", global.store_dir,
                   "Store of sources, toolchain roots and runtimes, shareable by caches (WASM_BUILD_STORE; "
                   "default: the cache directory)");
    app.add_option("--cache", global.remote_cache,
                   "Remote cache URL beside the local one: file:///shared/dir or http(s)://host/path (WebDAV PUT) "
                   "(WASM_BUILD_REMOTE_CACHE; credentials only from the environment, see README)");
    app.add_option("-j,--jobs", global.jobs, "Parallel jobs (WASM_BUILD_JOBS; default: number of cores)");
    app.add_flag("--json", global.json, "Machine-readable results on stdout");
    app.add_flag("-v,--verbose", global.verbose, "More output");
    int exit_code = 0;
    wb::cli::register_build_command(app, global, exit_code);
    wb::cli::register_fetch_command(app, global, exit_code);
    wb::cli::register_run_node_command(app, global, exit_code);
    wb::cli::register_runtime_commands(app, global, exit_code);
    wb::cli::register_index_commands(app, global, exit_code);
    wb::cli::register_toolchain_commands(app, global, exit_code);
    wb::cli::register_platforms_command(app, global, exit_code);
    wb::cli::register_recipe_commands(app, global, exit_code);
    wb::cli::register_abi_check_command(app, global, exit_code);
    wb::cli::register_site_commands(app, global, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "wasm-build: internal error: {}\n", e.what());
        return 3;
    }
    return exit_code;
}
