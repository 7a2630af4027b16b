#include "patch/apply_patches.hpp"

#include <fstream>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::patch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

constexpr std::chrono::seconds k_patch_timeout{300};

/// The environment for patch: C locale so its messages can be read, no POSIX mode, no VCS access.
util::Environment patch_environment() {
    util::Environment env = util::current_environment();
    env.erase("POSIXLY_CORRECT");
    env.erase("QUOTING_STYLE");
    env.erase("SIMPLE_BACKUP_SUFFIX");
    env.erase("VERSION_CONTROL");
    env["LC_ALL"] = "C";
    env["PATCH_GET"] = "0";
    return env;
}

Expected<void> append_log(const fs::path& log_file, const std::vector<std::string>& argv, const std::string& output) {
    if (log_file.empty()) return {};
    std::error_code ec;
    if (log_file.has_parent_path()) fs::create_directories(log_file.parent_path(), ec);
    std::ofstream log(log_file, std::ios::app | std::ios::binary);
    std::vector<std::string> quoted;
    for (const auto& word : argv) quoted.push_back(util::shell_quote(word));
    log << "$ " << util::join(quoted, " ") << "\n" << output;
    if (!output.empty() && output.back() != '\n') log << "\n";
    if (!log) return fail(ErrorKind::Io, fmt::format("{}: cannot append to the log", log_file.string()));
    return {};
}

/// Runs patch once; on failure returns the Build error for it.
Expected<void> run_patch(const fs::path& source_dir, const fs::path& patch_file, const fs::path& shown_as,
                         bool dry_run, const fs::path& log_file, util::ProcessRunner& runner) {
    util::Command command;
    command.argv = patch_command(patch_file, dry_run);
    command.cwd = source_dir;
    command.env = patch_environment();
    command.timeout = k_patch_timeout;
    auto result = runner.run(command);
    if (!result) return tl::unexpected(result.error());
    if (auto logged = append_log(log_file, command.argv, result->output); !logged) return logged;
    if (result->interrupted) return fail(ErrorKind::Interrupted, fmt::format("{}: interrupted", shown_as.string()));
    if (result->ok()) return {};
    std::string why = result->timed_out ? fmt::format("patch timed out after {}s", k_patch_timeout.count())
                                        : describe_patch_failure(result->output);
    if (!dry_run) why = "failed although its dry run succeeded: " + why;
    return fail(ErrorKind::Build, fmt::format("{}: {}", shown_as.string(), why));
}

}  // namespace

std::vector<std::string> patch_command(const fs::path& patch_file, bool dry_run) {
    std::vector<std::string> argv = {"patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch",
                                     "--reject-file=-", "--quoting-style=literal"};
    if (dry_run) argv.push_back("--dry-run");
    argv.push_back("-i");
    argv.push_back(patch_file.string());
    return argv;
}

Expected<void> apply_patches(const fs::path& source_dir, const std::vector<fs::path>& patches, const fs::path& log_file,
                             util::ProcessRunner& runner) {
    std::error_code ec;
    if (!fs::is_directory(source_dir, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: source directory to patch does not exist", source_dir.string()));
    }
    for (const auto& patch : patches) {
        if (!fs::is_regular_file(patch, ec)) {
            return fail(ErrorKind::Input, fmt::format("{}: patch file not found", patch.string()));
        }
        fs::path absolute = fs::absolute(patch, ec);
        if (auto dry = run_patch(source_dir, absolute, patch, true, log_file, runner); !dry) return dry;
        if (auto real = run_patch(source_dir, absolute, patch, false, log_file, runner); !real) return real;
    }
    return {};
}

}  // namespace wb::patch
