#pragma once
// Runs child processes: each in its own process group, output sent to a log file or captured,
// with an optional timeout. Live children are tracked so an interrupt can kill them all.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace wb::util {

struct Command {
    std::vector<std::string> argv;
    /// The child's whole environment; nullopt inherits the parent's.
    std::optional<Environment> env;
    std::filesystem::path cwd;
    /// Append stdout and stderr here; empty captures them into ProcessResult::output.
    std::filesystem::path log;
    /// Text fed to stdin (empty: /dev/null).
    std::string input;
    std::chrono::seconds timeout{0};
    /// The child writes to this process's stdout and stderr (log and capture are then unused).
    bool inherit_output = false;
    /// A command that must run to its end even when the run is interrupted (scancel of what the run
    /// submitted; sbatch, whose job id is needed to cancel it): it is neither refused nor killed.
    bool cleanup = false;
};

struct ProcessResult {
    int exit_code = 0;        ///< exit status, or 128+signal
    bool timed_out = false;
    bool interrupted = false; ///< killed because the whole run was interrupted
    std::string output;       ///< captured output when Command::log is empty
    bool ok() const { return exit_code == 0 && !timed_out && !interrupted; }
};

/// Runs a command to completion. Fails only when it cannot be started.
Expected<ProcessResult> run(const Command& command);

/// The seam for running processes: the real one calls run(); tests pass fakes.
class ProcessRunner {
public:
    virtual ~ProcessRunner() = default;
    virtual Expected<ProcessResult> run(const Command& command) = 0;
};

class RealProcessRunner final : public ProcessRunner {
public:
    Expected<ProcessResult> run(const Command& command) override;
};

/// Marks the run interrupted and kills every live child's process group.
void interrupt_all_children();
bool interrupted();

/// Installs SIGINT/SIGTERM handlers that call interrupt_all_children() from a watcher thread.
void install_interrupt_handlers();

/// Finds an executable on env's PATH (/usr/bin:/bin when it has none), or returns name itself when
/// it has a slash and is executable.
std::optional<std::filesystem::path> find_program(const std::string& name, const Environment& env);

}  // namespace wb::util
