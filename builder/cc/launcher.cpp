#include "cc/launcher.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "cc/finalize_metadata.hpp"
#include "cc/linked_module.hpp"
#include "util/strings.hpp"

extern char** environ;

namespace wb::cc {
namespace {

std::string quoted(const std::vector<std::string>& argv) {
    std::vector<std::string> words;
    words.reserve(argv.size());
    for (const auto& word : argv) words.push_back(util::shell_quote(word));
    return util::join(words, " ");
}

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
    std::vector<char*> out;
    out.reserve(argv.size() + 1);
    for (const auto& word : argv) out.push_back(const_cast<char*>(word.c_str()));
    out.push_back(nullptr);
    return out;
}

int report_cannot_run(const std::string& program, int error) {
    fmt::print(stderr,
               "wasm-cc: cannot run {}: {} (a path from the wasm-cc configuration; re-run "
               "`wasm-cc --probe` if the toolchain moved)\n",
               program, std::strerror(error));
    return 2;
}

[[noreturn]] void exec_step(const Step& step) {
    auto argv = c_argv(step.argv);
    if (step.argv.front().find('/') != std::string::npos)
        ::execv(argv[0], argv.data());
    else
        ::execvp(argv[0], argv.data());
    std::exit(report_cannot_run(step.argv.front(), errno));
}

/// Runs a step to completion; with `captured`, its stdout is collected there instead of shown.
int spawn_and_wait(const Step& step, std::string* captured) {
    int pipe_fds[2] = {-1, -1};
    if (captured && ::pipe2(pipe_fds, O_CLOEXEC) != 0) return report_cannot_run(step.argv.front(), errno);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (captured)
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    else if (step.discard_stdout)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    auto argv = c_argv(step.argv);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (captured) ::close(pipe_fds[1]);
    if (rc == 0 && captured) {
        char buffer[65536];
        ssize_t n = 0;
        while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0) {
            if (n > 0)
                captured->append(buffer, static_cast<size_t>(n));
            else if (errno != EINTR)
                break;
        }
    }
    if (captured) ::close(pipe_fds[0]);
    if (rc != 0) return report_cannot_run(step.argv.front(), rc);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return report_cannot_run(step.argv.front(), errno);
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

/// Reads finalize's metadata as emcc does: refuses EM_ASM/EM_JS in side modules, returns the features.
util::Expected<std::vector<std::string>> check_metadata(const std::string& json, const std::string& program) {
    auto metadata = FinalizeMetadata::parse(json, program);
    if (!metadata) return tl::unexpected(metadata.error());
    if (std::string error = metadata->side_module_error(); !error.empty()) {
        return util::fail(util::ErrorKind::Build, error + " (emcc refuses it as well)");
    }
    return metadata->binaryen_feature_flags();
}

}  // namespace

int run_steps(const std::vector<Step>& steps, const std::vector<Step>& fallback) {
    std::optional<std::vector<std::string>> features;
    for (Step step : steps) {
        if (!step.inspect_module.empty()) {
            auto linked = LinkedModule::read(step.inspect_module);
            if (linked && !linked->has_js_code) {
                features = std::move(linked->feature_flags);
                continue;
            }
            std::string why = linked ? "EM_ASM/EM_JS" : linked.error().message;
            if (fallback.empty()) {
                fmt::print(stderr, "wasm-cc: error: {}: no emcc call to fall back to\n", why);
                return 1;
            }
            fmt::print(stderr, "wasm-cc: note: {}: {}: linking with emcc\n", step.inspect_module, why);
            return run_steps(fallback);
        }
        auto placeholder = std::find(step.argv.begin(), step.argv.end(), k_features_placeholder);
        if (placeholder != step.argv.end()) {
            if (!features) {
                fmt::print(stderr, "wasm-cc: internal error: {} needs the features of a finalize step before it\n",
                           step.argv.front());
                return 3;
            }
            placeholder = step.argv.erase(placeholder);
            step.argv.insert(placeholder, features->begin(), features->end());
        }
        std::string metadata;
        if (int code = spawn_and_wait(step, step.reads_metadata ? &metadata : nullptr); code != 0) return code;
        if (!step.reads_metadata) continue;
        auto checked = check_metadata(metadata, step.argv.front());
        if (!checked) {
            fmt::print(stderr, "wasm-cc: error: {}\n", checked.error().message);
            return util::exit_code_for(checked.error().kind);
        }
        features = std::move(*checked);
    }
    return 0;
}

int run_plan(const CallPlan& plan) {
    for (const auto& [name, value] : plan.env_defaults) ::setenv(name.c_str(), value.c_str(), 0);
    if (plan.steps.empty()) {
        std::fwrite(plan.answer.data(), 1, plan.answer.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    const Step& first = plan.steps.front();
    if (plan.steps.size() == 1 && !first.discard_stdout && !first.reads_metadata && first.inspect_module.empty()) {
        exec_step(first);
    }
    return run_steps(plan.steps, plan.fallback);
}

std::string format_call_log(const std::vector<std::string>& original, const CallPlan& plan, const std::string& cwd) {
    std::string out =
        fmt::format("wasm-cc[{}] route={} cwd={}\n  in:  {}\n", ::getpid(), plan.route, cwd, quoted(original));
    for (const auto& step : plan.steps) {
        if (step.inspect_module.empty())
            out += "  out: " + quoted(step.argv) + "\n";
        else
            out += "  read: " + util::shell_quote(step.inspect_module) + " (features; EM_ASM/EM_JS -> fallback)\n";
    }
    for (const auto& step : plan.fallback) out += "  fallback: " + quoted(step.argv) + "\n";
    if (plan.steps.empty()) {
        out += "  answer: " + util::replace_all(std::string(util::trim(plan.answer)), "\n", "\n          ") + "\n";
    }
    for (const auto& note : plan.notes) out += "  note: " + note + "\n";
    return out;
}

void append_call_log(const std::string& log_path, const std::string& record) {
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        fmt::print(stderr, "wasm-cc: warning: cannot open WASM_CC_LOG {}: {}\n", log_path, std::strerror(errno));
        return;
    }
    ssize_t written = ::write(fd, record.data(), record.size());
    if (written != static_cast<ssize_t>(record.size())) {
        fmt::print(stderr, "wasm-cc: warning: short write to WASM_CC_LOG {}\n", log_path);
    }
    ::close(fd);
}

}  // namespace wb::cc
