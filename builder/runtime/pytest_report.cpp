#include "runtime/pytest_report.hpp"

#include <regex>
#include <set>

#include "util/strings.hpp"

namespace wb::runtime {

namespace {
std::string strip_ansi(const std::string& text) {
    static const std::regex escape("\x1b\\[[0-9;]*m");
    return std::regex_replace(text, escape, "");
}
}  // namespace

PytestReport PytestReport::parse(const std::string& raw_output) {
    PytestReport r;
    std::string output = strip_ansi(raw_output);
    // "== 3 passed, 1 failed in 2.1s ==", or without the rules under -q: "3 passed in 2.1s (0:00:02)".
    static const std::regex closing(
        R"(^=*\s*(\d+ (passed|failed|skipped|error|errors|xfailed|xpassed|deselected|warnings?)\b.*) in [0-9.]+s( \(\d+:\d\d:\d\d\))?\s*=*\s*$)");
    static const std::regex count(R"((\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected))");
    for (const auto& raw : util::split(output, '\n')) {
        std::string line(util::trim(raw));
        if (line.rfind("FAILED ", 0) == 0 || line.rfind("ERROR ", 0) == 0) {
            std::string rest = line.substr(line.find(' ') + 1);
            size_t dash = rest.find(" - ");
            r.failures.push_back(dash == std::string::npos ? rest : rest.substr(0, dash));
            continue;
        }
        std::smatch m;
        if (!std::regex_match(line, m, closing)) continue;
        r.finished = true;
        std::string counts = m[1];
        for (std::sregex_iterator it(counts.begin(), counts.end(), count), end; it != end; ++it) {
            int n = std::stoi((*it)[1]);
            std::string what = (*it)[2];
            if (what == "passed") r.passed = n;
            else if (what == "failed") r.failed = n;
            else if (what == "skipped") r.skipped = n;
            else if (what == "error" || what == "errors") r.errors = n;
            else if (what == "xfailed") r.xfailed = n;
            else if (what == "xpassed") r.xpassed = n;
            else if (what == "deselected") r.deselected = n;
        }
    }
    return r;
}

namespace {
bool matches(const std::string& pattern, const std::string& id) {
    if (id == pattern) return true;
    if (id.size() <= pattern.size() || id.compare(0, pattern.size(), pattern) != 0) return false;
    char next = id[pattern.size()];
    // pytest ids go on with ::, [ or /; unittest ids (module.Class.test) with a dot.
    return next == ':' || next == '[' || next == '/' || next == '.' || pattern.back() == '/';
}
}  // namespace

Judgement judge(const PytestReport& report, const std::vector<recipe::ExpectedFailure>& expected) {
    Judgement j;
    std::set<size_t> used;
    for (const auto& id : report.failures) {
        bool found = false;
        for (size_t i = 0; i < expected.size() && !found; ++i) {
            if (matches(expected[i].test, id)) {
                j.expected.emplace_back(id, expected[i].reason);
                used.insert(i);
                found = true;
            }
        }
        if (!found) j.unexpected.push_back(id);
    }
    for (size_t i = 0; i < expected.size(); ++i) {
        if (!used.count(i)) j.stale.push_back(expected[i].test);
    }
    return j;
}

}  // namespace wb::runtime
