#pragma once
// One snapshot of the process environment, taken in main() and passed down: code below the CLI
// reads variables from it instead of calling getenv, so tests can hand in any environment.
#include <map>
#include <string>

namespace wb::util {

using Environment = std::map<std::string, std::string>;

/// The current process environment as a map.
Environment current_environment();

/// The value of name in env, or fallback when unset or empty.
std::string env_or(const Environment& env, const std::string& name, const std::string& fallback = {});

}  // namespace wb::util
