#include "cc/probe.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cc/compile_probe.hpp"
#include "cc/launcher.hpp"
#include "cc/probe_session.hpp"
#include "cc/side_link.hpp"
#include "cc/verbose_commands.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace fs = std::filesystem;

util::Expected<std::string> ProbeSession::output_of(std::vector<std::string> argv, const std::string& what,
                                                    bool verbose) {
    util::Command command;
    command.argv = std::move(argv);
    command.env = m_env;
    if (verbose) (*command.env)["EMCC_VERBOSE"] = "1";
    command.timeout = std::chrono::seconds(300);
    auto result = m_runner.run(command);
    if (!result) return tl::unexpected(result.error());
    if (!result->ok()) {
        return util::fail(util::ErrorKind::Build, fmt::format("{} failed (exit {}): {}\n{}", what, result->exit_code,
                                                              util::join(command.argv, " "), result->output));
    }
    return result->output;
}

namespace {

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
    util::Expected<void> find_emcc();
    util::Expected<void> query_version();
    util::Expected<void> find_llvm_tools();
    void check_compiles();
    void probe_side_links();
    util::Expected<SideLinkTemplate> probe_one_side_link(const std::string& driver, const std::string& object,
                                                         const std::string& flags, const std::string& name);
    util::Expected<void> replay_matches(const SideLinkTemplate& tmpl, const std::string& object,
                                        const std::string& expected_output);
    void find_system_libraries();

    util::ProcessRunner& m_runner;
    const ProbeOptions& m_options;
    std::unique_ptr<ProbeSession> m_session;
    ProbeResult m_result;
};

util::Expected<void> Prober::find_emcc() {
    auto emcc = util::find_program(m_options.emcc, m_options.env);
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

util::Expected<void> Prober::query_version() {
    auto& c = m_result.config;
    auto version = m_session->output_of({c.emcc, "--version"}, "emcc --version");
    if (!version) return tl::unexpected(version.error());
    for (auto& line : util::split(util::trim(*version), '\n')) c.version_text.push_back(line);
    c.emscripten_version = parse_emscripten_version(c.version_text.front());
    if (c.emscripten_version.empty()) {
        return util::fail(util::ErrorKind::Build,
                          fmt::format("emcc --version: expected a version number in '{}'", c.version_text.front()));
    }
    return {};
}

util::Expected<void> Prober::find_llvm_tools() {
    std::string em_config = (fs::path(m_result.config.emcc).parent_path() / "em-config").string();
    auto root = m_session->output_of({em_config, "LLVM_ROOT"}, "em-config LLVM_ROOT");
    if (!root) return tl::unexpected(root.error());
    auto version = m_session->output_of({em_config, "LLVM_ADD_VERSION"}, "em-config LLVM_ADD_VERSION");
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

void Prober::check_compiles() {
    auto problems = check_direct_compiles(*m_session, m_result.config);
    if (problems.empty()) return;
    m_result.config.direct_compile = false;
    for (const auto& problem : problems) {
        m_result.notes.push_back("compiles left to emcc: the compile check failed: " + problem);
    }
}

util::Expected<SideLinkTemplate> Prober::probe_one_side_link(const std::string& driver, const std::string& object,
                                                             const std::string& flags, const std::string& name) {
    std::string output = m_session->path(name + ".so");
    std::vector<std::string> argv = {driver, "-shared", "-sSIDE_MODULE=1"};
    for (const auto& flag : m_result.config.abi_flags) argv.push_back(flag);
    for (auto& flag : util::split_whitespace(flags)) argv.push_back(flag);
    argv.insert(argv.end(), {object, "-o", output});
    auto text = m_session->output_of(argv, fmt::format("{} side-module link {}", driver, flags), true);
    if (!text) return tl::unexpected(text.error());
    auto tmpl = make_side_link_template(parse_verbose_commands(*text), object, output, m_session->scratch());
    if (!tmpl) return tmpl;
    for (auto& step : tmpl->steps) {
        auto path = util::find_program(step.front(), m_options.env);
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
    // Replayed by the code every side-module link will use, so the check covers it too. Same file
    // name, other directory: with -g, wasm-ld writes the output's name into the name section.
    std::error_code ec;
    fs::create_directories(m_session->path("replay"), ec);
    std::string replay = m_session->path("replay/" + fs::path(expected_output).filename().string());
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
    std::string c_object = m_session->path(k_probe_c_object);
    for (char opt : std::string_view("0123sz")) {
        for (bool debug : {false, true}) {
            std::string variant = side_link_variant(opt, debug);
            std::string flags = fmt::format("-O{}{}", opt, debug ? " -g" : "");
            auto tmpl = probe_one_side_link(c.emcc, c_object, flags, "c-" + variant);
            if (tmpl)
                c.side_links[variant] = std::move(*tmpl);
            else
                m_result.notes.push_back(
                    fmt::format("side-module link {} left to emcc: {}", variant, tmpl.error().message));
        }
    }
    // em++ links a C++ object with the same commands as emcc, and the replay gives its bytes too.
    auto cxx = probe_one_side_link(c.empp, m_session->path(k_probe_cxx_object), "-O2", "cxx-O2");
    auto c_o2 = c.side_links.find("O2");
    c.side_link_cxx = cxx && c_o2 != c.side_links.end() && cxx->steps == c_o2->second.steps;
    if (!c.side_link_cxx) {
        m_result.notes.push_back("C++ side-module links left to em++: " +
                                 (cxx ? std::string("em++ links differently") : cxx.error().message));
    }
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
    util::Environment env = m_options.env;
    for (const char* name : {"EMCC_CFLAGS", "EMCC_DEBUG", "EMCC_VERBOSE", "EMCC_FORCE_STDLIBS", "WASM_CC_CONFIG"}) {
        env.erase(name);
    }
    std::string node_path = m_options.node_path;
    if (node_path.empty() && env.count("NODE_PATH")) node_path = env["NODE_PATH"];
    if (node_path.empty() && fs::is_directory("/usr/share/nodejs")) node_path = "/usr/share/nodejs";
    if (!node_path.empty()) env["NODE_PATH"] = node_path;
    m_result.config.node_path = node_path;
    m_result.config.abi_flags = m_options.abi_flags;

    auto scratch = util::make_temp_dir(util::temp_root(m_options.env), "wasm-cc-probe-");
    if (!scratch) return tl::unexpected(scratch.error());
    m_session = std::make_unique<ProbeSession>(m_runner, env, scratch->string());
    auto steps = find_emcc()
                     .and_then([&] { return query_version(); })
                     .and_then([&] { return probe_clang_flags(*m_session, m_result.config); })
                     .and_then([&] { return find_llvm_tools(); })
                     .and_then([&] { return probe_compilers(*m_session, m_result.config); });
    if (steps) {
        check_compiles();
        probe_side_links();
        find_system_libraries();
    }
    util::remove_tree_quiet(scratch->string());
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
