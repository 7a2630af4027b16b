#include "cc/launcher.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

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
    fmt::print(stderr, "wasm-cc: cannot run {}: {} (a path from the wasm-cc configuration; re-run "
                       "`wasm-cc --probe` if the toolchain moved)\n", program, std::strerror(error));
    return 2;
}

[[noreturn]] void exec_step(const Step& step) {
    auto argv = c_argv(step.argv);
    if (step.argv.front().find('/') != std::string::npos) ::execv(argv[0], argv.data());
    else ::execvp(argv[0], argv.data());
    std::exit(report_cannot_run(step.argv.front(), errno));
}

int spawn_and_wait(const Step& step) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (step.discard_stdout) posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    auto argv = c_argv(step.argv);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return report_cannot_run(step.argv.front(), rc);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return report_cannot_run(step.argv.front(), errno);
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

}  // namespace

int run_plan(const CallPlan& plan) {
    for (const auto& [name, value] : plan.env_defaults) ::setenv(name.c_str(), value.c_str(), 0);
    if (plan.steps.empty()) {
        std::fwrite(plan.answer.data(), 1, plan.answer.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (plan.steps.size() == 1 && !plan.steps.front().discard_stdout) exec_step(plan.steps.front());
    for (const auto& step : plan.steps) {
        if (int code = spawn_and_wait(step); code != 0) return code;
    }
    return 0;
}

std::string format_call_log(const std::vector<std::string>& original, const CallPlan& plan, const std::string& cwd) {
    std::string out = fmt::format("wasm-cc[{}] route={} cwd={}\n  in:  {}\n", ::getpid(), plan.route, cwd,
                                  quoted(original));
    for (const auto& step : plan.steps) out += "  out: " + quoted(step.argv) + "\n";
    if (plan.steps.empty()) out += "  answer: " + std::string(util::trim(plan.answer)) + "\n";
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
