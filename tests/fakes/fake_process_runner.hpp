#pragma once
// A ProcessRunner for tests: records every Command and answers with a scripted handler (which may
// also create files in the command's cwd, as the real tool would). No handler: exit 0, no output.
#include <functional>
#include <vector>

#include "util/subprocess.hpp"

namespace wb::fakes {

class FakeProcessRunner final : public util::ProcessRunner {
public:
    using Handler = std::function<util::Expected<util::ProcessResult>(const util::Command&)>;

    explicit FakeProcessRunner(Handler handler = {}) : m_handler(std::move(handler)) {}
    void set_handler(Handler handler) { m_handler = std::move(handler); }
    const std::vector<util::Command>& commands() const { return m_commands; }

    util::Expected<util::ProcessResult> run(const util::Command& command) override {
        m_commands.push_back(command);
        if (m_handler) return m_handler(command);
        return util::ProcessResult{};
    }

private:
    Handler m_handler;
    std::vector<util::Command> m_commands;
};

/// A result with this exit code and captured output.
inline util::ProcessResult process_result(int exit_code, std::string output = {}) {
    util::ProcessResult result;
    result.exit_code = exit_code;
    result.output = std::move(output);
    return result;
}

}  // namespace wb::fakes
