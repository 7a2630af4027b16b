#include "cc/toolchain_config.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "util/file_util.hpp"
#include "util/hash.hpp"

namespace wb::cc {
namespace {

constexpr int k_format = 2;
constexpr std::string_view k_side_link_prefix = "side_link.";

void put(std::string& out, std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{}={}\n", key, value);
}

void put_all(std::string& out, std::string_view key, const std::vector<std::string>& values) {
    for (const auto& value : values) put(out, key, value);
}

std::string body_text(const ToolchainConfig& c) {
    std::string out;
    put(out, "emcc", c.emcc);
    put(out, "em++", c.empp);
    put(out, "emscripten_version", c.emscripten_version);
    put_all(out, "version_line", c.version_text);
    put(out, "target", c.target);
    put(out, "node_path", c.node_path);
    put(out, "clang", c.clang);
    put(out, "clang++", c.clangxx);
    put_all(out, "abi_flag", c.abi_flags);
    put_all(out, "cflag", c.cflags);
    put_all(out, "cxxflag", c.cxxflags);
    put_all(out, "abi_compile_subset", c.abi_compile_subsets);
    put_all(out, "abi_preprocess_subset", c.abi_preprocess_subsets);
    put_all(out, "compile_emcc_flag", c.compile_emcc_flags);
    put(out, "direct_compile", c.direct_compile ? "1" : "0");
    put_all(out, "toolchain_dir", c.toolchain_dirs);
    for (const auto& [name, path] : c.tools) put(out, "tool." + name, path);
    put_all(out, "system_lib", c.system_libs);
    put(out, "threads", c.threads ? "1" : "0");
    put(out, "side_link_cxx", c.side_link_cxx ? "1" : "0");
    for (const auto& [variant, tmpl] : c.side_links) {
        for (size_t step = 0; step < tmpl.steps.size(); ++step) {
            put_all(out, fmt::format("{}{}.{}", k_side_link_prefix, variant, step), tmpl.steps[step]);
        }
    }
    return out;
}

/// Where a line is, formatted only when an error needs it.
struct Where {
    const std::string& origin;
    size_t line;
    std::string text() const { return fmt::format("{}:{}", origin, line); }
};

/// "side_link.O2+g.1" -> the word list of variant "O2+g", step 1.
util::Expected<std::vector<std::string>*> side_link_step(ToolchainConfig& c, std::string_view key, const Where& where) {
    std::string_view rest = key.substr(k_side_link_prefix.size());
    size_t dot = rest.rfind('.');
    size_t step = 0;
    if (dot == std::string_view::npos ||
        std::from_chars(rest.data() + dot + 1, rest.data() + rest.size(), step).ec != std::errc{} || step > 16) {
        return util::fail(util::ErrorKind::Usage,
                          fmt::format("{}: expected side_link.<variant>.<step>=word, got key '{}'", where.text(), key));
    }
    auto& steps = c.side_links[std::string(rest.substr(0, dot))].steps;
    if (step > steps.size()) {
        return util::fail(util::ErrorKind::Usage,
                          fmt::format("{}: side_link step {} comes before step {}", where.text(), step, steps.size()));
    }
    if (step == steps.size()) steps.emplace_back();
    return &steps[step];
}

struct ScalarKey {
    std::string_view key;
    std::string ToolchainConfig::*member;
};

struct ListKey {
    std::string_view key;
    std::vector<std::string> ToolchainConfig::*member;
};

constexpr ScalarKey k_scalar_keys[] = {
    {"identity", &ToolchainConfig::identity}, {"emcc", &ToolchainConfig::emcc},
    {"em++", &ToolchainConfig::empp},         {"emscripten_version", &ToolchainConfig::emscripten_version},
    {"target", &ToolchainConfig::target},     {"node_path", &ToolchainConfig::node_path},
    {"clang", &ToolchainConfig::clang},       {"clang++", &ToolchainConfig::clangxx},
};

constexpr ListKey k_list_keys[] = {
    {"version_line", &ToolchainConfig::version_text},
    {"abi_flag", &ToolchainConfig::abi_flags},
    {"cflag", &ToolchainConfig::cflags},
    {"cxxflag", &ToolchainConfig::cxxflags},
    {"abi_compile_subset", &ToolchainConfig::abi_compile_subsets},
    {"abi_preprocess_subset", &ToolchainConfig::abi_preprocess_subsets},
    {"compile_emcc_flag", &ToolchainConfig::compile_emcc_flags},
    {"toolchain_dir", &ToolchainConfig::toolchain_dirs},
    {"system_lib", &ToolchainConfig::system_libs},
};

/// The list a repeated key appends to; nullptr for a key with a single value.
util::Expected<std::vector<std::string>*> list_for(ToolchainConfig& c, std::string_view key, const Where& where) {
    if (key.starts_with(k_side_link_prefix)) return side_link_step(c, key, where);
    for (const auto& entry : k_list_keys) {
        if (key == entry.key) return &(c.*entry.member);
    }
    return nullptr;
}

util::Expected<void> apply_scalar(ToolchainConfig& c, std::string_view key, const std::string& value,
                                  const Where& where) {
    for (const auto& entry : k_scalar_keys) {
        if (key == entry.key) {
            c.*entry.member = value;
            return {};
        }
    }
    if (key == "threads")
        c.threads = value == "1";
    else if (key == "side_link_cxx")
        c.side_link_cxx = value == "1";
    else if (key == "direct_compile")
        c.direct_compile = value == "1";
    else if (key.starts_with("tool."))
        c.tools[std::string(key.substr(5))] = value;
    else if (key == "format") {
        if (value != std::to_string(k_format)) {
            return util::fail(util::ErrorKind::Usage, fmt::format("{}: format {} is not {}; re-run `wasm-cc --probe`",
                                                                  where.text(), value, k_format));
        }
    } else {
        return util::fail(util::ErrorKind::Usage, fmt::format("{}: unknown key '{}'", where.text(), key));
    }
    return {};
}

}  // namespace

util::Expected<ToolchainConfig> ToolchainConfig::parse(const std::string& text, const std::string& origin) {
    ToolchainConfig config;
    bool format_seen = false;
    std::string_view cached_key;  // lists are written contiguously: skip the lookup for repeats
    std::vector<std::string>* cached_list = nullptr;
    Where where{origin, 0};
    for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        ++where.line;
        if (line.empty() || line.front() == '#') continue;
        size_t eq = line.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            return util::fail(util::ErrorKind::Usage,
                              fmt::format("{}: expected key=value, got '{}'", where.text(), line));
        }
        std::string_view key = line.substr(0, eq);
        std::string value(line.substr(eq + 1));
        if (cached_list && key == cached_key) {
            cached_list->push_back(std::move(value));
            continue;
        }
        auto list = list_for(config, key, where);
        if (!list) return tl::unexpected(list.error());
        if (*list) {
            (*list)->push_back(std::move(value));
            cached_key = key;
            cached_list = *list;
            continue;
        }
        format_seen = format_seen || key == "format";
        if (auto ok = apply_scalar(config, key, value, where); !ok) return tl::unexpected(ok.error());
    }
    if (!format_seen) {
        return util::fail(util::ErrorKind::Usage,
                          fmt::format("{}: no format= line: not a wasm-cc configuration", origin));
    }
    if (config.clang.empty() || config.emcc.empty() || config.cflags.empty()) {
        return util::fail(
            util::ErrorKind::Usage,
            fmt::format("{}: expected clang=, emcc= and cflag= entries; re-run `wasm-cc --probe`", origin));
    }
    return config;
}

std::string ToolchainConfig::to_text() const {
    std::string out =
        "# wasm-cc toolchain configuration, written by `wasm-cc --probe`. One key=value per line;\n"
        "# list values repeat their key.\n";
    put(out, "format", std::to_string(k_format));
    put(out, "identity", compute_identity());
    out += body_text(*this);
    return out;
}

std::string ToolchainConfig::compute_identity() const { return util::sha256_hex(body_text(*this)); }

util::Expected<ToolchainConfig> load_toolchain_config(const std::string& path) {
    auto text = util::read_file(path);
    if (!text) {
        return util::fail(util::ErrorKind::Usage,
                          fmt::format("cannot read wasm-cc configuration {}: {}", path, text.error().message));
    }
    return ToolchainConfig::parse(*text, path);
}

}  // namespace wb::cc
