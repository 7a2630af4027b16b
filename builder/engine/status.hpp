#pragma once
// How a run reports progress. On a terminal one status line rewrites itself ("[3/7] Building
// numpy"); otherwise plain lines ("Building numpy", "Built numpy in 12s"). A failure prints
// "FAILED: name (step)", the message and the log's path. Human output goes to stderr.
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "engine/build_result.hpp"
#include "util/environment.hpp"

namespace wb::engine {

/// "numpy [pyemscripten_2026_0]": a node's name and variant.
std::string node_label(const BuildResult& r);

class Status {
public:
    virtual ~Status() = default;
    virtual void run_started(size_t total) = 0;
    /// label: the node as people read it, "numpy [pyemscripten_2026_0]".
    virtual void build_started(const std::string& label, const std::vector<std::string>& reasons) = 0;
    virtual void build_finished(const BuildResult& result) = 0;
    virtual void message(const std::string& text) = 0;
};

class ConsoleStatus final : public Status {
public:
    /// smart: rewrite one line (a terminal and NO_COLOR/TERM=dumb not set).
    ConsoleStatus(std::FILE* out, bool smart, bool verbose);
    static bool stream_is_smart_terminal(std::FILE* out, const util::Environment& env);

    void run_started(size_t total) override;
    void build_started(const std::string& name, const std::vector<std::string>& reasons) override;
    void build_finished(const BuildResult& result) override;
    void message(const std::string& text) override;

private:
    void print_line(const std::string& text);
    void redraw();
    std::FILE* m_out;
    bool m_smart;
    bool m_verbose;
    std::mutex m_mutex;
    size_t m_total = 0;
    size_t m_done = 0;
    std::vector<std::string> m_running;
    bool m_status_shown = false;
};

/// A status that only records (tests).
class RecordingStatus final : public Status {
public:
    void run_started(size_t total) override { events.push_back("start " + std::to_string(total)); }
    void build_started(const std::string& name, const std::vector<std::string>&) override {
        events.push_back("building " + name);
    }
    void build_finished(const BuildResult& r) override {
        events.push_back(std::string(outcome_name(r.outcome)) + " " + node_label(r));
    }
    void message(const std::string& text) override { events.push_back(text); }
    std::vector<std::string> events;
};

std::string format_seconds(double seconds);

}  // namespace wb::engine
