#include "util/environment.hpp"

#include <string_view>

extern char** environ;

namespace wb::util {

Environment current_environment() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view s(*e);
        size_t eq = s.find('=');
        if (eq == std::string_view::npos) continue;
        env.emplace(std::string(s.substr(0, eq)), std::string(s.substr(eq + 1)));
    }
    return env;
}

std::string env_or(const Environment& env, const std::string& name, const std::string& fallback) {
    auto it = env.find(name);
    return it == env.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace wb::util
