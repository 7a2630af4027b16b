#include "util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace wb::util {
namespace {

std::mutex g_children_mutex;
std::set<pid_t> g_children;
std::atomic<bool> g_interrupted{false};
int g_signal_pipe[2] = {-1, -1};

void register_child(pid_t pid, bool cleanup) {
    if (cleanup) return;  // clean-up commands outlive an interrupt
    std::lock_guard lock(g_children_mutex);
    g_children.insert(pid);
    if (g_interrupted) ::kill(-pid, SIGKILL);
}

void unregister_child(pid_t pid) {
    std::lock_guard lock(g_children_mutex);
    g_children.erase(pid);
}

std::vector<std::string> env_strings(const Environment& env) {
    std::vector<std::string> out;
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> c_array(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

}  // namespace

Expected<ProcessResult> run(const Command& command) {
    if (command.argv.empty()) return fail(ErrorKind::Internal, "run: empty command");
    if (g_interrupted && !command.cleanup) return ProcessResult{130, false, true, {}};

    int out_fd = -1;
    int pipe_fds[2] = {-1, -1};
    if (command.inherit_output) {
        // stdout and stderr stay this process's
    } else if (!command.log.empty()) {
        out_fd = ::open(command.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (out_fd < 0) {
            return fail(ErrorKind::Io, fmt::format("{}: cannot open log: {}", command.log.string(), std::strerror(errno)));
        }
    } else if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return fail(ErrorKind::Io, "cannot create pipe");
    }
    int in_pipe[2] = {-1, -1};
    bool feed_input = !command.input.empty();
    if (feed_input && ::pipe2(in_pipe, O_CLOEXEC) != 0) return fail(ErrorKind::Io, "cannot create pipe");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (feed_input) posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    else posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    int write_fd = out_fd >= 0 ? out_fd : pipe_fds[1];
    if (!command.inherit_output) {
        posix_spawn_file_actions_adddup2(&actions, write_fd, 1);
        posix_spawn_file_actions_adddup2(&actions, write_fd, 2);
    }
    if (!command.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, command.cwd.c_str());

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t empty_mask, default_signals;
    sigemptyset(&empty_mask);
    posix_spawnattr_setsigmask(&attr, &empty_mask);
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    sigaddset(&default_signals, SIGINT);
    sigaddset(&default_signals, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &default_signals);

    std::vector<std::string> argv_strings = command.argv;
    auto argv = c_array(argv_strings);
    std::vector<std::string> env_storage = command.env ? env_strings(*command.env) : std::vector<std::string>{};
    auto envp = c_array(env_storage);

    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), command.env ? envp.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (out_fd >= 0) ::close(out_fd);
    if (pipe_fds[1] >= 0) ::close(pipe_fds[1]);
    if (feed_input) ::close(in_pipe[0]);
    if (rc != 0) {
        if (pipe_fds[0] >= 0) ::close(pipe_fds[0]);
        if (feed_input) ::close(in_pipe[1]);
        return fail(ErrorKind::Io, fmt::format("cannot run {}: {}", command.argv[0], std::strerror(rc)));
    }
    register_child(pid, command.cleanup);

    std::thread feeder;
    if (feed_input) {
        feeder = std::thread([fd = in_pipe[1], &command] {
            std::string_view data = command.input;
            while (!data.empty()) {
                ssize_t n = ::write(fd, data.data(), data.size());
                if (n <= 0) break;
                data.remove_prefix(static_cast<size_t>(n));
            }
            ::close(fd);
        });
    }

    ProcessResult result;
    auto deadline = std::chrono::steady_clock::now() + command.timeout;
    bool has_deadline = command.timeout.count() > 0;
    int status = 0;
    char buffer[65536];
    while (true) {
        if (pipe_fds[0] >= 0) {
            pollfd pfd{pipe_fds[0], POLLIN, 0};
            int pr = ::poll(&pfd, 1, 200);
            if (pr > 0) {
                ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
                if (n > 0) {
                    result.output.append(buffer, static_cast<size_t>(n));
                    continue;
                }
                ::close(pipe_fds[0]);
                pipe_fds[0] = -1;
            }
        } else {
            pid_t w = ::waitpid(pid, &status, WNOHANG);
            if (w == pid) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (has_deadline && std::chrono::steady_clock::now() > deadline && !result.timed_out) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);
        }
    }
    unregister_child(pid);
    ::kill(-pid, SIGKILL);  // stray grandchildren left in the group
    if (feeder.joinable()) feeder.join();
    result.exit_code = decode_status(status);
    result.interrupted = g_interrupted.load() && !command.cleanup;
    return result;
}

Expected<ProcessResult> RealProcessRunner::run(const Command& command) { return util::run(command); }

void interrupt_all_children() {
    g_interrupted = true;
    std::lock_guard lock(g_children_mutex);
    for (pid_t pid : g_children) ::kill(-pid, SIGKILL);
}

bool interrupted() { return g_interrupted.load(); }

void install_interrupt_handlers() {
    if (g_signal_pipe[0] >= 0) return;
    if (::pipe2(g_signal_pipe, O_CLOEXEC) != 0) return;
    struct sigaction sa{};
    sa.sa_handler = [](int) {
        char c = 1;
        [[maybe_unused]] auto n = ::write(g_signal_pipe[1], &c, 1);
    };
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    std::thread([] {
        char c;
        while (::read(g_signal_pipe[0], &c, 1) < 0 && errno == EINTR) {
        }
        interrupt_all_children();
    }).detach();
}

std::optional<std::filesystem::path> find_program(const std::string& name, const Environment& env) {
    if (name.find('/') != std::string::npos) {
        if (::access(name.c_str(), X_OK) == 0) return std::filesystem::path(name);
        return std::nullopt;
    }
    auto path = env.find("PATH");
    std::string_view rest = path != env.end() ? std::string_view(path->second) : "/usr/bin:/bin";
    while (!rest.empty()) {
        size_t colon = rest.find(':');
        std::string dir(rest.substr(0, colon));
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        if (dir.empty()) continue;
        std::filesystem::path candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

}  // namespace wb::util
