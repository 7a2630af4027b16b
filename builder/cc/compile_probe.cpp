#include "cc/compile_probe.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <tuple>

#include <fmt/format.h>

#include "cc/abi_flags.hpp"
#include "cc/driver_plan.hpp"
#include "cc/launcher.hpp"
#include "cc/verbose_commands.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace fs = std::filesystem;
namespace {

// Exercises what the ABI flags are about: setjmp/longjmp in C, throw/catch in C++.
constexpr const char* k_probe_c =
    "#include <setjmp.h>\n"
    "long long wasm_cc_probe_wide(long long x) { return x * 3; }\n"
    "extern int wasm_cc_probe_import(int);\n"
    "int wasm_cc_probe_counter;\n"
    "static jmp_buf wasm_cc_probe_jump;\n"
    "static void wasm_cc_probe_bail(int x) { if (x < 0) longjmp(wasm_cc_probe_jump, x); }\n"
    "int wasm_cc_probe(int x) {\n"
    "    if (setjmp(wasm_cc_probe_jump)) return -1;\n"
    "    wasm_cc_probe_bail(x);\n"
    "    return wasm_cc_probe_import(x) + ++wasm_cc_probe_counter;\n"
    "}\n";
constexpr const char* k_probe_cxx =
    "#include <stdexcept>\n"
    "struct Probe { virtual ~Probe() = default; virtual int f() { return 1; } };\n"
    "extern \"C\" int wasm_cc_probe_cxx(int x) {\n"
    "    try { if (x < 0) throw std::runtime_error(\"negative\"); Probe p; return p.f(); }\n"
    "    catch (const std::exception&) { return -1; }\n"
    "}\n";

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// `driver --cflags` for a call with `flags` and wasm-cc's compile defaults, as emcc would see it.
util::Expected<std::vector<std::string>> cflags_for(ProbeSession& session, const std::string& driver,
                                                    const std::vector<std::string>& flags) {
    std::vector<std::string> argv = concat({driver, "--cflags"}, compile_default_flags(false));
    argv = concat(argv, flags);
    auto text = session.output_of(argv, util::join(argv, " "));
    if (!text) return tl::unexpected(text.error());
    // The flags are the last line; emcc may warn before it.
    auto lines = util::split(util::trim(*text), '\n');
    return split_shell_words(lines.empty() ? std::string_view{} : std::string_view(lines.back()));
}

/// What emcc's preprocessor defines for a call with `flags`.
util::Expected<std::string> macros_for(ProbeSession& session, const std::string& driver, const char* language,
                                       const std::vector<std::string>& flags) {
    std::vector<std::string> argv = concat({driver, "-E", "-dM"}, compile_default_flags(false));
    argv = concat(concat(argv, flags), {"-x", language, "/dev/null"});
    return session.output_of(argv, util::join(argv, " "));
}

/// The two flag lists differ in nothing that moves include directories (-I…, -isystem, --sysroot,
/// -nostdinc, -iwithsysroot…).
bool same_include_paths(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<std::string> differ;
    std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(differ));
    return std::none_of(differ.begin(), differ.end(), [](const std::string& w) {
        return w.starts_with("-I") || w.starts_with("-i") || w.starts_with("--sysroot") || w.starts_with("-nostd");
    });
}

/// A subset of the ABI flags whose clang flags differ from those of all of them.
struct DifferingSubset {
    std::string key;
    std::vector<std::string> words;
    bool include_paths_same = true;
};

/// Subsets whose clang flags differ from the reference: preprocessing may still come out the same.
util::Expected<void> probe_preprocess_subsets(ProbeSession& session, ToolchainConfig& config,
                                              const std::vector<DifferingSubset>& cases) {
    if (std::none_of(cases.begin(), cases.end(), [](const auto& c) { return c.include_paths_same; })) return {};
    std::string ref_c, ref_cxx;
    for (auto [driver, language, out] :
         {std::tuple{config.emcc, "c", &ref_c}, std::tuple{config.empp, "c++", &ref_cxx}}) {
        auto text = macros_for(session, driver, language, config.abi_flags);
        if (!text) return tl::unexpected(text.error());
        *out = std::move(*text);
    }
    for (const auto& [key, words, include_paths_same] : cases) {
        if (!include_paths_same) continue;
        auto c = macros_for(session, config.emcc, "c", words);
        auto cxx = macros_for(session, config.empp, "c++", words);
        if (!c || !cxx) return tl::unexpected(c ? cxx.error() : c.error());
        if (*c == ref_c && *cxx == ref_cxx) config.abi_preprocess_subsets.push_back(key);
    }
    return {};
}

/// The flag lists of one driver: the reference (all ABI flags), then each subset and extra flag.
/// `differing` collects the subsets whose flags differ.
util::Expected<void> probe_driver(ProbeSession& session, const std::string& driver, const std::vector<DriverArg>& abi,
                                  const std::vector<std::string>& reference, ToolchainConfig& config,
                                  std::vector<DifferingSubset>& differing) {
    for (const auto& subset : proper_subsets(abi)) {
        std::vector<std::string> words = join_driver_args(subset);
        auto flags = cflags_for(session, driver, words);
        if (!flags) return tl::unexpected(flags.error());
        if (*flags == reference) continue;
        std::string key = subset_key(subset);
        std::erase(config.abi_compile_subsets, key);
        auto known = std::find_if(differing.begin(), differing.end(), [&](const auto& d) { return d.key == key; });
        if (known == differing.end()) known = differing.insert(differing.end(), {key, words, true});
        known->include_paths_same = known->include_paths_same && same_include_paths(*flags, reference);
    }
    std::vector<std::string> abi_words = join_driver_args(abi);
    auto& changers = config.compile_emcc_flags;
    for (std::string_view word : k_setting_flags) {
        std::string flag(word);
        if (std::find(abi_words.begin(), abi_words.end(), flag) != abi_words.end()) continue;
        auto flags = cflags_for(session, driver, concat(abi_words, {flag}));
        if (!flags) return tl::unexpected(flags.error());
        if (*flags != reference && std::find(changers.begin(), changers.end(), flag) == changers.end()) {
            changers.push_back(flag);
        }
    }
    return {};
}

/// One compile of `source` both ways; a difference, or empty.
std::string compare_compile(ProbeSession& session, const ToolchainConfig& config, Tool tool, const std::string& source,
                            const std::vector<std::string>& flags, const std::string& name) {
    std::string emcc_out = session.path(name + ".emcc.o");
    std::string direct_out = session.path(name + ".direct.o");
    std::vector<std::string> user = concat(concat({"-c"}, flags), {source, "-o"});
    std::vector<std::string> emcc_argv = concat({tool == Tool::Cxx ? config.empp : config.emcc},
                                                compile_default_flags(false));
    emcc_argv = concat(concat(emcc_argv, user), {emcc_out});
    if (auto built = session.output_of(emcc_argv, util::join(emcc_argv, " ")); !built) return built.error().message;
    RunSettings settings{config, {}, {}, {}};
    CallPlan plan = plan_driver_call(tool, concat(user, {direct_out}), settings, RealFileSystemView());
    std::string what = util::join(concat({std::string(tool_name(tool))}, concat(user, {direct_out})), " ");
    if (plan.route != "clang") {
        return fmt::format("{} was not planned for clang: {}", what, util::join(plan.notes, "; "));
    }
    if (int code = run_steps(plan.steps); code != 0) return fmt::format("{} failed (exit {})", what, code);
    auto a = util::read_file(emcc_out);
    auto b = util::read_file(direct_out);
    if (!a || !b || *a != *b) {
        return fmt::format("{} gave other bytes than emcc ({} vs {})", what, direct_out, emcc_out);
    }
    return {};
}

}  // namespace

util::Expected<void> probe_clang_flags(ProbeSession& session, ToolchainConfig& config) {
    std::vector<DriverArg> abi = split_driver_args(config.abi_flags);
    for (auto [driver, flags] : {std::pair{config.emcc, &config.cflags}, std::pair{config.empp, &config.cxxflags}}) {
        auto reference = cflags_for(session, driver, config.abi_flags);
        if (!reference) return tl::unexpected(reference.error());
        auto target = std::find(reference->begin(), reference->end(), "-target");
        if (target == reference->end() || target + 1 == reference->end()) {
            return util::fail(util::ErrorKind::Build, fmt::format("{} --cflags: expected '-target <triple>' in: {}",
                                                                  driver, util::join(*reference, " ")));
        }
        config.target = *(target + 1);
        *flags = std::move(*reference);
    }
    config.abi_compile_subsets.clear();
    config.abi_preprocess_subsets.clear();
    for (const auto& subset : proper_subsets(abi)) config.abi_compile_subsets.push_back(subset_key(subset));
    config.compile_emcc_flags.clear();
    std::vector<DifferingSubset> differing;
    auto probed = probe_driver(session, config.emcc, abi, config.cflags, config, differing);
    // em++ runs the same code for its flags; ask it too only when its answer already differs.
    if (probed && config.cxxflags != config.cflags) {
        probed = probe_driver(session, config.empp, abi, config.cxxflags, config, differing);
    }
    if (probed) probed = probe_preprocess_subsets(session, config, differing);
    if (!probed) return probed;
    for (const auto& flag : config.cflags) {
        if (flag.starts_with("--sysroot=")) config.toolchain_dirs.push_back(flag.substr(10));
    }
    return {};
}

util::Expected<void> probe_compilers(ProbeSession& session, ToolchainConfig& config) {
    auto written = util::write_file_atomic(session.path("probe.c"), k_probe_c).and_then([&] {
        return util::write_file_atomic(session.path("probe.cpp"), k_probe_cxx);
    });
    if (!written) return written;
    for (auto [driver, source, object, clang] :
         {std::tuple{config.emcc, "probe.c", k_probe_c_object, &config.clang},
          std::tuple{config.empp, "probe.cpp", k_probe_cxx_object, &config.clangxx}}) {
        std::vector<std::string> argv = concat({driver, "-c"}, compile_default_flags(false));
        argv = concat(concat(argv, config.abi_flags), {session.path(source), "-o", session.path(object)});
        auto text = session.output_of(argv, util::join(argv, " "), true);
        if (!text) return tl::unexpected(text.error());
        auto commands = parse_verbose_commands(*text);
        if (commands.empty()) {
            return util::fail(util::ErrorKind::Build,
                              fmt::format("{}: expected the clang command in emcc's EMCC_VERBOSE output:\n{}",
                                          util::join(argv, " "), *text));
        }
        // Kept as emcc names it: clang and clang++ are one binary that reads its own name.
        auto path = util::find_program(commands.front().front(), session.env());
        *clang = path ? fs::absolute(*path).lexically_normal().string() : commands.front().front();
    }
    return {};
}

std::vector<std::string> check_direct_compiles(ProbeSession& session, const ToolchainConfig& config) {
    std::vector<std::string> problems;
    for (auto [tool, source] : {std::pair{Tool::Cc, "probe.c"}, std::pair{Tool::Cxx, "probe.cpp"}}) {
        for (const auto& [extra, tag] : {std::pair{std::vector<std::string>{"-O2"}, "O2"},
                                         std::pair{std::vector<std::string>{"-O0", "-g"}, "O0g"}}) {
            std::string name = fmt::format("check-{}-{}", source, tag);
            auto problem = compare_compile(session, config, tool, session.path(source), concat(extra, config.abi_flags),
                                           name);
            if (!problem.empty()) problems.push_back(std::move(problem));
        }
    }
    return problems;
}

}  // namespace wb::cc
