#include "abi/check_report.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace wb::abi {
namespace {

/// Problems of one member that share kind, severity and hint: rendered as one entry.
struct Group {
    const std::string* member;
    ProblemKind kind;
    Severity severity;
    const std::string* hint;
    std::vector<const Problem*> problems;
};

std::vector<Group> group(const std::vector<Problem>& problems) {
    std::vector<Group> groups;
    for (const auto& p : problems) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
            return *g.member == p.member && g.kind == p.kind && g.severity == p.severity && *g.hint == p.hint;
        });
        if (it == groups.end()) {
            groups.push_back({&p.member, p.kind, p.severity, &p.hint, {}});
            it = groups.end() - 1;
        }
        it->problems.push_back(&p);
    }
    return groups;
}

std::string render_group(const Group& g) {
    std::string line;
    if (g.problems.size() == 1) {
        line = fmt::format("    {}: {}\n", to_string(g.severity), g.problems[0]->what);
    } else {
        std::string names;
        for (const auto* p : g.problems) {
            names += (names.empty() ? "" : ", ") + (p->import.empty() ? p->symbol : p->import);
        }
        line = fmt::format("    {}: {} ({}): {}\n", to_string(g.severity), to_string(g.kind), g.problems.size(), names);
    }
    if (!g.hint->empty()) line += fmt::format("      hint: {}\n", *g.hint);
    return line;
}

}  // namespace

const char* to_string(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::Unreadable: return "unreadable module";
        case ProblemKind::NotSideModule: return "not a side module";
        case ProblemKind::Unresolved: return "unresolved imports";
        case ProblemKind::JsExceptions: return "JavaScript-based exception imports";
        case ProblemKind::JsLongjmp: return "JavaScript-based longjmp imports";
        case ProblemKind::MissingExceptionTag: return "C++ exceptions without the wasm exception tag";
        case ProblemKind::SignatureMismatch: return "signature mismatches";
        case ProblemKind::KindMismatch: return "imports of the wrong kind";
        case ProblemKind::GlobalTypeMismatch: return "global type mismatches";
        case ProblemKind::SharedMemory: return "shared memory";
        case ProblemKind::MemoryMismatch: return "memory mismatches";
        case ProblemKind::TableMismatch: return "table mismatches";
        case ProblemKind::UnknownImportModule: return "imports from unknown modules";
        case ProblemKind::TargetFeature: return "unsupported target features";
        case ProblemKind::NeededLibrary: return "needed libraries not found";
    }
    return "problem";
}

const char* to_string(Severity severity) { return severity == Severity::Error ? "error" : "warning"; }

size_t CheckReport::error_count() const {
    return std::count_if(problems.begin(), problems.end(),
                         [](const Problem& p) { return p.severity == Severity::Error; });
}

size_t CheckReport::warning_count() const { return problems.size() - error_count(); }

std::vector<const Problem*> CheckReport::find(std::string_view member, ProblemKind kind) const {
    std::vector<const Problem*> out;
    for (const auto& p : problems) {
        if (p.member == member && p.kind == kind) out.push_back(&p);
    }
    return out;
}

void CheckReport::note(std::string text) {
    if (std::find(notes.begin(), notes.end(), text) == notes.end()) notes.push_back(std::move(text));
}

std::string CheckReport::render() const {
    std::set<std::string> failing;
    for (const auto& p : problems) failing.insert(p.member);
    std::string out;
    if (problems.empty()) {
        out = fmt::format("{}: ABI check against {} passed ({} modules)\n", subject, runtime, members.size());
    } else {
        out = fmt::format("{}: ABI check against {} {}: {} errors, {} warnings in {} of {} modules\n", subject, runtime,
                          ok() ? "passed with warnings" : "FAILED", error_count(), warning_count(), failing.size(),
                          members.size());
    }
    const std::string* member = nullptr;
    for (const auto& g : group(problems)) {
        if (!member || *member != *g.member) {
            member = g.member;
            out += fmt::format("  {}:\n", member->empty() ? subject : *member);
        }
        out += render_group(g);
    }
    for (const auto& n : notes) out += fmt::format("  note: {}\n", n);
    return out;
}

}  // namespace wb::abi
