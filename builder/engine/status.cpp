#include "engine/status.hpp"

#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace wb::engine {

std::string format_seconds(double seconds) {
    if (seconds < 10) return fmt::format("{:.1f}s", seconds);
    if (seconds < 120) return fmt::format("{:.0f}s", seconds);
    return fmt::format("{}m{:02}s", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
}

ConsoleStatus::ConsoleStatus(std::FILE* out, bool smart, bool verbose) : m_out(out), m_smart(smart), m_verbose(verbose) {}

bool ConsoleStatus::stream_is_smart_terminal(std::FILE* out, const util::Environment& env) {
    return ::isatty(fileno(out)) && util::env_or(env, "TERM") != "dumb" && util::env_or(env, "CI").empty() &&
           !env.count("NO_COLOR");
}

std::string node_label(const BuildResult& r) {
    return r.variant.empty() ? r.name : fmt::format("{} [{}]", r.name, r.variant);
}

void ConsoleStatus::print_line(const std::string& text) {
    if (m_smart && m_status_shown) std::fputs("\r\x1b[K", m_out);
    m_status_shown = false;
    std::fputs(text.c_str(), m_out);
    std::fputc('\n', m_out);
}

void ConsoleStatus::redraw() {
    if (!m_smart || m_running.empty()) return;
    std::string line = fmt::format("[{}/{}] Building {}", m_done, m_total, util::join(m_running, ", "));
    std::fputs(("\r\x1b[K" + line).c_str(), m_out);
    std::fflush(m_out);
    m_status_shown = true;
}

void ConsoleStatus::run_started(size_t total) {
    std::lock_guard lock(m_mutex);
    m_total = total;
}

void ConsoleStatus::build_started(const std::string& name, const std::vector<std::string>& reasons) {
    std::lock_guard lock(m_mutex);
    m_running.push_back(name);
    if (!m_smart || m_verbose) {
        std::string why = reasons.empty() ? "" : " (" + util::join(reasons, "; ") + ")";
        print_line(fmt::format("Building {}{}", name, why));
    }
    redraw();
    std::fflush(m_out);
}

void ConsoleStatus::build_finished(const BuildResult& r) {
    std::lock_guard lock(m_mutex);
    std::string label = node_label(r);
    m_running.erase(std::remove(m_running.begin(), m_running.end(), label), m_running.end());
    ++m_done;
    switch (r.outcome) {
        case Outcome::Built: print_line(fmt::format("Built {} {} in {}", label, r.version, format_seconds(r.seconds))); break;
        case Outcome::Cached: if (m_verbose) print_line(fmt::format("Cached {} {}", label, r.version)); break;
        case Outcome::Skipped: print_line(fmt::format("Skipped {}: {}", label, r.error)); break;
        case Outcome::WouldBuild:
            print_line(fmt::format("Would build {} {} ({})", label, r.version, util::join(r.reasons, "; ")));
            break;
        case Outcome::Failed:
            print_line(fmt::format("FAILED: {} {} (step: {})\n{}\nlog: {}", label, r.version, r.failed_step, r.error,
                                   r.log.string()));
            break;
    }
    redraw();
    std::fflush(m_out);
}

void ConsoleStatus::message(const std::string& text) {
    std::lock_guard lock(m_mutex);
    print_line(text);
    redraw();
    std::fflush(m_out);
}

}  // namespace wb::engine
