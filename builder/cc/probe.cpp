#include "cc/probe.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "cc/launcher.hpp"
#include "cc/side_link.hpp"
#include "cc/verbose_commands.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_probe_c =
    "long long wasm_cc_probe_wide(long long x) { return x * 3; }\n"
    "extern int wasm_cc_probe_import(int);\n"
    "int wasm_cc_probe_counter;\n"
    "int wasm_cc_probe(int x) { return wasm_cc_probe_import(x) + ++wasm_cc_probe_counter; }\n";
constexpr const char* k_probe_cxx =
    "struct Probe { virtual ~Probe() = default; virtual int f() { return 1; } };\n"
    "extern \"C\" int wasm_cc_probe_cxx() { Probe p; return p.f(); }\n";

// Configuration key -> LLVM tool name; the first four are required.
constexpr std::pair<const char*, const char*> k_llvm_tools[] = {
    {"ar", "llvm-ar"},       {"ranlib", "llvm-ranlib"},   {"nm", "llvm-nm"},           {"ld", "wasm-ld"},
    {"strip", "llvm-strip"}, {"objcopy", "llvm-objcopy"}, {"objdump", "llvm-objdump"}, {"readelf", "llvm-readelf"},
    {"size", "llvm-size"},   {"strings", "llvm-strings"},
};

class Prober {
public:
    Prober(util::ProcessRunner& runner, const ProbeOptions& options) : m_runner(runner), m_options(options) {}

    util::Expected<ProbeResult> run();

private:
    util::Expected<std::string> output_of(std::vector<std::string> argv, const std::string& what);
    util::Expected<void> find_emcc();
    util::Expected<void> query_versions_and_flags();
    util::Expected<void> find_llvm_tools();
    util::Expected<void> find_compilers();
    void probe_side_links();
    util::Expected<SideLinkTemplate> probe_one_side_link(const std::string& driver, const std::string& object,
                                                         const std::string& flags, const std::string& name);
    util::Expected<void> replay_matches(const SideLinkTemplate& tmpl, const std::string& object,
                                        const std::string& expected_output);
    void find_system_libraries();

    util::ProcessRunner& m_runner;
    const ProbeOptions& m_options;
    util::Environment m_env;
    std::string m_scratch;
    ProbeResult m_result;
};

util::Expected<std::string> Prober::output_of(std::vector<std::string> argv, const std::string& what) {
    util::Command command;
    command.argv = std::move(argv);
    command.env = m_env;
    command.timeout = std::chrono::seconds(300);
    auto result = m_runner.run(command);
    if (!result) return tl::unexpected(result.error());
    if (!result->ok()) {
        return util::fail(util::ErrorKind::Build, fmt::format("{} failed (exit {}): {}\n{}", what, result->exit_code,
                                                              util::join(command.argv, " "), result->output));
    }
    return result->output;
}

util::Expected<void> Prober::find_emcc() {
    auto emcc = util::find_program(m_options.emcc);
    if (!emcc) {
        return util::fail(util::ErrorKind::Usage,
                          fmt::format("emcc not found: '{}' is not an executable on PATH", m_options.emcc));
    }
    auto& c = m_result.config;
    c.emcc = fs::absolute(*emcc).lexically_normal().string();
    c.empp = (fs::path(c.emcc).parent_path() / "em++").string();
    if (::access(c.empp.c_str(), X_OK) != 0) {
        return util::fail(util::ErrorKind::Usage, fmt::format("{}: expected em++ next to emcc", c.empp));
    }
    std::error_code ec;
    fs::path real = fs::canonical(c.emcc, ec);
    if (!ec) c.toolchain_dirs.push_back(real.parent_path().string());
    return {};
}

util::Expected<void> Prober::query_versions_and_flags() {
    auto& c = m_result.config;
    auto version = output_of({c.emcc, "--version"}, "emcc --version");
    if (!version) return tl::unexpected(version.error());
    for (auto& line : util::split(util::trim(*version), '\n')) c.version_text.push_back(line);
    c.emscripten_version = parse_emscripten_version(c.version_text.front());
    if (c.emscripten_version.empty()) {
        return util::fail(util::ErrorKind::Build,
                          fmt::format("emcc --version: expected a version number in '{}'", c.version_text.front()));
    }
    for (auto [driver, flags] : {std::pair{c.emcc, &c.cflags}, std::pair{c.empp, &c.cxxflags}}) {
        auto text = output_of({driver, "--cflags"}, driver + " --cflags");
        if (!text) return tl::unexpected(text.error());
        *flags = util::split_whitespace(*text);
        auto target = std::find(flags->begin(), flags->end(), "-target");
        if (target == flags->end() || target + 1 == flags->end()) {
            return util::fail(util::ErrorKind::Build,
                              fmt::format("{} --cflags: expected '-target <triple>' in: {}", driver, *text));
        }
        c.target = *(target + 1);
    }
    for (const auto& flag : c.cflags) {
        if (flag.starts_with("--sysroot=")) c.toolchain_dirs.push_back(flag.substr(10));
    }
    return {};
}

util::Expected<void> Prober::find_llvm_tools() {
    std::string em_config = (fs::path(m_result.config.emcc).parent_path() / "em-config").string();
    auto root = output_of({em_config, "LLVM_ROOT"}, "em-config LLVM_ROOT");
    if (!root) return tl::unexpected(root.error());
    auto version = output_of({em_config, "LLVM_ADD_VERSION"}, "em-config LLVM_ADD_VERSION");
    std::string suffix = version ? std::string(util::trim(*version)) : std::string();
    if (suffix == "None") suffix.clear();
    std::string dir(util::trim(*root));
    for (size_t i = 0; i < std::size(k_llvm_tools); ++i) {
        auto [key, tool] = k_llvm_tools[i];
        std::string path = fmt::format("{}/{}{}", dir, tool, suffix.empty() ? "" : "-" + suffix);
        if (::access(path.c_str(), X_OK) == 0) {
            m_result.config.tools[key] = path;
        } else if (i < 4) {
            return util::fail(util::ErrorKind::Build,
                              fmt::format("{}: expected emcc's {} there (LLVM_ROOT={}, LLVM_ADD_VERSION={})", path,
                                          tool, dir, suffix));
        }
    }
    return {};
}

util::Expected<void> Prober::find_compilers() {
    auto& c = m_result.config;
    auto write = util::write_file_atomic(m_scratch + "/probe.c", k_probe_c).and_then([&] {
        return util::write_file_atomic(m_scratch + "/probe.cpp", k_probe_cxx);
    });
    if (!write) return write;
    for (auto [driver, source, clang] :
         {std::tuple{c.emcc, "probe.c", &c.clang}, std::tuple{c.empp, "probe.cpp", &c.clangxx}}) {
        std::string object = fmt::format("{}/{}.o", m_scratch, source);
        auto text = output_of({driver, "-v", "-c", "-fPIC", m_scratch + "/" + source, "-o", object},
                              driver + " -v -c " + source);
        if (!text) return tl::unexpected(text.error());
        auto commands = parse_verbose_commands(*text);
        if (commands.empty()) {
            return util::fail(
                util::ErrorKind::Build,
                fmt::format("{} -v -c: expected the clang command line in its output:\n{}", driver, *text));
        }
        auto path = util::find_program(commands.front().front());
        *clang = path ? fs::absolute(*path).string() : commands.front().front();
    }
    return {};
}

util::Expected<SideLinkTemplate> Prober::probe_one_side_link(const std::string& driver, const std::string& object,
                                                             const std::string& flags, const std::string& name) {
    std::string output = fmt::format("{}/{}.so", m_scratch, name);
    std::vector<std::string> argv = {driver, "-v", "-shared", "-sSIDE_MODULE=1"};
    for (auto& flag : util::split_whitespace(flags)) argv.push_back(flag);
    argv.insert(argv.end(), {object, "-o", output});
    auto text = output_of(argv, fmt::format("{} side-module link {}", driver, flags));
    if (!text) return tl::unexpected(text.error());
    auto tmpl = make_side_link_template(parse_verbose_commands(*text), object, output, m_scratch);
    if (!tmpl) return tmpl;
    for (auto& step : tmpl->steps) {
        auto path = util::find_program(step.front());
        if (!path) {
            return util::fail(util::ErrorKind::Build,
                              fmt::format("emcc runs '{}', which is not on PATH", step.front()));
        }
        step.front() = fs::absolute(*path).string();
    }
    if (auto same = replay_matches(*tmpl, object, output); !same) return tl::unexpected(same.error());
    return tmpl;
}

util::Expected<void> Prober::replay_matches(const SideLinkTemplate& tmpl, const std::string& object,
                                            const std::string& expected_output) {
    // Replayed by the code every side-module link will use, so the check covers it too.
    std::string replay = expected_output + ".replay.so";
    if (int code = run_steps(expand_side_link_template(tmpl, {object}, replay)); code != 0) {
        return util::fail(util::ErrorKind::Build, fmt::format("replaying emcc's link commands failed (exit {})", code));
    }
    auto expected = util::read_file(expected_output);
    auto actual = util::read_file(replay);
    if (!expected || !actual || *expected != *actual) {
        return util::fail(
            util::ErrorKind::Build,
            fmt::format("replaying emcc's commands gave other bytes than emcc ({} vs {})", replay, expected_output));
    }
    return {};
}

void Prober::probe_side_links() {
    auto& c = m_result.config;
    for (char opt : std::string_view("0123sz")) {
        for (bool debug : {false, true}) {
            std::string variant = side_link_variant(opt, debug);
            std::string flags = fmt::format("-O{}{}", opt, debug ? " -g" : "");
            auto tmpl = probe_one_side_link(c.emcc, m_scratch + "/probe.c.o", flags, "c-" + variant);
            if (tmpl)
                c.side_links[variant] = std::move(*tmpl);
            else
                m_result.notes.push_back(
                    fmt::format("side-module link {} left to emcc: {}", variant, tmpl.error().message));
        }
    }
    auto cxx = probe_one_side_link(c.empp, m_scratch + "/probe.cpp.o", "-O0", "cxx-O0");
    auto c_o0 = c.side_links.find("O0");
    c.side_link_cxx = cxx && c_o0 != c.side_links.end() && cxx->steps == c_o0->second.steps;
    if (!c.side_link_cxx) m_result.notes.push_back("C++ side-module links left to em++: em++ links differently");
}

void Prober::find_system_libraries() {
    auto& c = m_result.config;
    std::vector<std::string> archives;
    for (const auto& flag : c.cflags) {
        if (!flag.starts_with("--sysroot=")) continue;
        for (const char* sub : {"/lib/wasm32-emscripten", "/lib/wasm32-emscripten/pic"}) {
            std::error_code ec;
            for (const auto& entry : fs::directory_iterator(flag.substr(10) + sub, ec)) {
                archives.push_back(entry.path().filename().string());
            }
        }
    }
    c.system_libs = system_library_names(archives);
    if (c.system_libs.empty()) m_result.notes.push_back("no Emscripten system libraries found in the sysroot");
}

util::Expected<ProbeResult> Prober::run() {
    m_env = m_options.env;
    for (const char* name : {"EMCC_CFLAGS", "EMCC_DEBUG", "EMCC_FORCE_STDLIBS", "WASM_CC_CONFIG"}) m_env.erase(name);
    std::string node_path = m_options.node_path;
    if (node_path.empty() && m_env.count("NODE_PATH")) node_path = m_env["NODE_PATH"];
    if (node_path.empty() && fs::is_directory("/usr/share/nodejs")) node_path = "/usr/share/nodejs";
    if (!node_path.empty()) m_env["NODE_PATH"] = node_path;
    m_result.config.node_path = node_path;

    auto scratch = util::make_temp_dir(util::temp_root(), "wasm-cc-probe-");
    if (!scratch) return tl::unexpected(scratch.error());
    m_scratch = scratch->string();
    auto steps = find_emcc()
                     .and_then([&] { return query_versions_and_flags(); })
                     .and_then([&] { return find_llvm_tools(); })
                     .and_then([&] { return find_compilers(); });
    if (steps) {
        probe_side_links();
        find_system_libraries();
    }
    util::remove_tree_quiet(m_scratch);
    if (!steps) return tl::unexpected(steps.error());
    m_result.config.identity = m_result.config.compute_identity();
    return std::move(m_result);
}

}  // namespace

std::string parse_emscripten_version(const std::string& version_line) {
    for (const auto& word : util::split_whitespace(version_line)) {
        int dots = 0;
        bool digits = !word.empty() && std::isdigit(static_cast<unsigned char>(word.front()));
        for (char ch : word) {
            if (ch == '.')
                ++dots;
            else if (!std::isdigit(static_cast<unsigned char>(ch)))
                digits = false;
        }
        if (digits && dots == 2 && word.back() != '.') return word;
    }
    return {};
}

std::vector<std::string> system_library_names(const std::vector<std::string>& archive_file_names) {
    std::set<std::string> names;
    for (const auto& file : archive_file_names) {
        if (!file.starts_with("lib") || !file.ends_with(".a") || file.size() <= 5) continue;
        std::string base = file.substr(3, file.size() - 5);
        names.insert(base.substr(0, base.find('-')));
    }
    return {names.begin(), names.end()};
}

util::Expected<ProbeResult> probe_toolchain(util::ProcessRunner& runner, const ProbeOptions& options) {
    return Prober(runner, options).run();
}

}  // namespace wb::cc
