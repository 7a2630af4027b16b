#include "abi/check_wheel.hpp"

#include <fmt/format.h>

#include "abi/check_module.hpp"
#include "abi/library_set.hpp"

namespace wb::abi {
namespace {

namespace fs = std::filesystem;

void add_problem(CheckReport& report, const Library& lib, std::string symbol, ProblemKind kind, std::string what,
                 std::string hint) {
    report.problems.push_back(
        {lib.name, "", std::move(symbol), kind, Severity::Error, std::move(what), std::move(hint)});
}

std::string relative_dir(const std::string& from, const std::string& to) {
    auto dir = [](const std::string& p) { return fs::path(p).parent_path(); };
    auto rel = dir(to).lexically_relative(dir(from)).generic_string();
    return rel == "." || rel.empty() ? "$ORIGIN" : "$ORIGIN/" + rel;
}

/// Problems with the NEEDED libraries of one wheel library.
void check_needed(const LibrarySet& set, const Library& lib, CheckReport& report) {
    if (!lib.module->dylink) return;
    for (const auto& needed : lib.module->dylink->needed) {
        NeededLookup found = set.find_needed(lib, needed);
        if (found.found) continue;
        if (found.stranded) {
            add_problem(report, lib, needed, ProblemKind::NeededLibrary,
                        fmt::format("{} needs {}, which is in the wheel as {} but not on its runtime path", lib.name,
                                    needed, found.stranded->name),
                        fmt::format("the load fails (\"Failed to find dynamic library\"): link {} with -Wl,-rpath,{}",
                                    lib.file, relative_dir(lib.name, found.stranded->name)));
        } else {
            add_problem(report, lib, needed, ProblemKind::NeededLibrary,
                        fmt::format("{} needs {}, which is neither in the wheel nor a declared shared library",
                                    lib.name, needed),
                        "the load fails (\"Failed to find dynamic library\"): ship the library in the wheel or "
                        "declare the shared-library package that provides it");
        }
    }
}

/// An unresolved import that another library exports: say why it does not count.
void explain_unneeded_exporters(const LibrarySet& set, const Library& lib, size_t first, CheckReport& report) {
    for (size_t k = first; k < report.problems.size(); ++k) {
        Problem& p = report.problems[k];
        if (p.kind != ProblemKind::Unresolved || p.symbol.empty()) continue;
        for (const Library* other : set.exporters(p.symbol)) {
            if (other == &lib) continue;
            std::string rpath = other->in_wheel
                                    ? fmt::format(" with -Wl,-rpath,{}", relative_dir(lib.name, other->name))
                                    : std::string();
            p.hint = fmt::format("exported by {}, which {} does not list as needed: Pyodide loads each library with "
                                 "RTLD_LOCAL, so link {} against {} (dylink.0 NEEDED){}",
                                 other->name, lib.file, lib.file, other->file, rpath);
            break;
        }
    }
}

void check_library(const LibrarySet& set, const Library& lib, const RuntimeAbi& abi, CheckReport& report) {
    report.members.push_back(lib.name);
    if (!lib.module) {
        add_problem(report, lib, "", ProblemKind::Unreadable, fmt::format("{}: {}", lib.name, lib.error),
                    "the loader cannot load it either (a shared library in a Pyodide wheel must be a WebAssembly side "
                    "module)");
        return;
    }
    std::set<std::string> provided;
    for (const Library* needed : set.needed_closure(lib)) {
        if (needed->module) provided.merge(offered_names(*needed->module));
    }
    CheckReport one = check_module(*lib.module, abi, provided, lib.name);
    size_t first = report.problems.size();
    for (auto& p : one.problems) report.problems.push_back(std::move(p));
    for (auto& n : one.notes) report.note(std::move(n));
    check_needed(set, lib, report);
    explain_unneeded_exporters(set, lib, first, report);
}

}  // namespace

util::Expected<CheckReport> check_wheel(const fs::path& wheel, const RuntimeAbi& abi,
                                        const std::vector<fs::path>& shared_libraries) {
    LibrarySet set;
    if (auto ok = set.add_wheel(wheel); !ok) return tl::unexpected(ok.error());
    for (const auto& path : shared_libraries) {
        if (auto ok = set.add_declared(path); !ok) return tl::unexpected(ok.error());
    }
    CheckReport report;
    report.subject = wheel.filename().string();
    report.runtime = abi.name;
    for (const auto& lib : set.wheel_libraries()) check_library(set, lib, abi, report);
    if (set.wheel_libraries().empty()) report.note("the wheel has no shared libraries: nothing to check");
    return report;
}

}  // namespace wb::abi
