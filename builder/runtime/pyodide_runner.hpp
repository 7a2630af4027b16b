#pragma once
// Python in a platform's stock Pyodide, run by the toolchain root's Node inside the sandbox: the
// wheels are unpacked into its site-packages, chosen host directories appear at the same paths,
// and the given Python code runs with the given sys.argv. Tests and `wasm-build python` use it.
#include <filesystem>
#include <string>
#include <vector>

#include "sandbox/sandbox.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::runtime {

struct PyodideRun {
    std::filesystem::path runtime_dir;       ///< the unpacked npm package (pyodide.js, pyodide.asm.wasm…)
    std::filesystem::path toolchain_root;    ///< its Node runs the runtime
    std::filesystem::path tools_dir;         ///< the installed runtime tools (wb_pyodide.js)
    std::filesystem::path scratch;           ///< a host directory for the request file
    std::vector<std::filesystem::path> wheels;  ///< installed in this order
    std::vector<sandbox::Mount> mounts;      ///< host directories, seen at `inside` by Node and by Python
    std::filesystem::path cwd;               ///< Python's working directory (a mounted path)
    std::vector<std::string> argv = {"python"};
    std::string code;                        ///< Python source to run
    util::Environment python_env;            ///< os.environ inside Pyodide
    std::filesystem::path log;               ///< output appended here; empty: captured
    bool inherit_output = false;             ///< output goes to this process's stdout/stderr
    std::chrono::seconds timeout{0};
    bool verbose = false;
};

/// Runs it; the result's exit code is the Python code's (SystemExit), 1 on an uncaught exception.
util::Expected<util::ProcessResult> run_pyodide(const PyodideRun& run, util::ProcessRunner& runner);

/// The runtime tools installed under <tools_dir>/runtime/<hash16>/.
util::Expected<std::filesystem::path> install_runtime_tools(const std::filesystem::path& tools_dir);

}  // namespace wb::runtime
