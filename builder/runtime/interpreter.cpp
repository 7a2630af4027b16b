#include "runtime/interpreter.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::runtime {

std::vector<std::string> Interpreter::argv(const std::vector<std::string>& args) const {
    // Emscripten 3.1.6's loader prefers fetch() when it exists, which Node 20 has; disable it.
    std::vector<std::string> out = {"node", "--no-experimental-fetch", "--stack-size=4096", script().string()};
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

util::Environment Interpreter::environment() const {
    util::Environment env = util::current_environment();
    if (hermetic) {
        util::Environment kept;
        for (const char* name : {"PATH", "HOME", "TMPDIR", "NODE_PATH"}) {
            if (auto it = env.find(name); it != env.end()) kept[name] = it->second;
        }
        kept["LANG"] = "C.UTF-8";
        env = std::move(kept);
    }
    std::vector<std::string> entries;
    for (const auto& p : path) entries.push_back(p.string());
    env["PYTHONPATH"] = util::join(entries, ":");
    env.erase("PYTHONHOME");
    env.erase("_PYTHON_SYSCONFIGDATA_NAME");
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    env["PYTHONUNBUFFERED"] = "1";
    return env;
}

util::Command Interpreter::command(const std::vector<std::string>& args, const std::filesystem::path& cwd) const {
    util::Command cmd;
    cmd.argv = argv(args);
    cmd.env = environment();
    cmd.cwd = cwd;
    return cmd;
}

util::Error exec_interpreter(const Interpreter& interpreter, const std::vector<std::string>& args) {
    std::vector<std::string> argv_strings = interpreter.argv(args);
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : interpreter.environment()) env_strings.push_back(k + "=" + v);
    std::vector<char*> argv, envp;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    ::execvpe("node", argv.data(), envp.data());
    return util::Error{util::ErrorKind::Usage, fmt::format("cannot run node: {} (Node.js is needed to run the wasm "
                                                           "runtime)", std::strerror(errno))};
}

}  // namespace wb::runtime
