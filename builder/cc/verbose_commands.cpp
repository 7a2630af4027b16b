#include "cc/verbose_commands.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace wb::cc {
namespace {

/// Splits the argument part of a -v line: words separated by spaces, a word in double quotes may
/// hold spaces (emcc quotes exactly those) and \" stands for a quote.
std::vector<std::string> split_quoted(std::string_view text) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::string word;
        if (text[i] == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '"') ++i;
                word += text[i];
            }
            ++i;  // closing quote
        } else {
            while (i < text.size() && text[i] != ' ') word += text[i++];
        }
        words.push_back(std::move(word));
    }
    return words;
}

/// emcc ends wasm-opt's command with its feature flags: "--mvp-features" and the --enable-… /
/// --disable-… flags finalize reported. Those depend on the module, so they become a placeholder.
bool replace_feature_flags(std::vector<std::string>& step) {
    auto first = std::find(step.begin(), step.end(), "--mvp-features");
    if (first == step.end()) return false;
    auto last = first + 1;
    while (last != step.end() && (last->starts_with("--enable-") || last->starts_with("--disable-"))) ++last;
    *first = k_features_placeholder;
    step.erase(first + 1, last);
    return true;
}

}  // namespace

std::vector<std::vector<std::string>> parse_verbose_commands(std::string_view output) {
    std::vector<std::vector<std::string>> commands;
    while (!output.empty()) {
        size_t end = output.find('\n');
        std::string_view line = output.substr(0, end);
        output = end == std::string_view::npos ? std::string_view{} : output.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.starts_with(" \"")) continue;
        size_t close = line.find('"', 2);
        if (close == std::string_view::npos) continue;
        std::vector<std::string> words = {std::string(line.substr(2, close - 2))};
        for (auto& word : split_quoted(line.substr(close + 1))) words.push_back(std::move(word));
        commands.push_back(std::move(words));
    }
    return commands;
}

util::Expected<SideLinkTemplate> make_side_link_template(const std::vector<std::vector<std::string>>& commands,
                                                         const std::string& input, const std::string& output,
                                                         const std::string& scratch_dir) {
    if (commands.empty()) {
        return util::fail(util::ErrorKind::Build, "emcc -v printed no sub-commands for the probe link");
    }
    SideLinkTemplate tmpl;
    size_t inputs_seen = 0;
    size_t outputs_seen = 0;
    bool finalize_seen = false;
    for (const auto& command : commands) {
        std::vector<std::string> step;
        for (const auto& word : command) {
            if (word == output) {
                step.push_back(k_output_placeholder);
                ++outputs_seen;
            } else if (word == input) {
                step.push_back(k_inputs_placeholder);
                ++inputs_seen;
            } else if (word.find(scratch_dir) != std::string::npos) {
                return util::fail(util::ErrorKind::Build,
                                  fmt::format("emcc's link command uses a probe path the template cannot "
                                              "reproduce: {}",
                                              word));
            } else {
                step.push_back(word);
            }
        }
        if (finalize_seen) replace_feature_flags(step);
        finalize_seen = finalize_seen || is_finalize_program(step.front());
        tmpl.steps.push_back(std::move(step));
    }
    if (inputs_seen != 1 || outputs_seen == 0) {
        return util::fail(util::ErrorKind::Build,
                          fmt::format("expected the probe object once and the output at least once in emcc's "
                                      "link commands, found them {} and {} times",
                                      inputs_seen, outputs_seen));
    }
    return tmpl;
}

}  // namespace wb::cc
