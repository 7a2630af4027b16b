#include "cc/verbose_commands.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace wb::cc {

std::vector<std::string> split_shell_words(std::string_view text) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::string word;
        while (i < text.size() && text[i] != ' ') {
            char c = text[i++];
            if (c == '\'') {
                while (i < text.size() && text[i] != '\'') word += text[i++];
                ++i;  // closing quote
            } else if (c == '"') {
                while (i < text.size() && text[i] != '"') {
                    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) ++i;
                    word += text[i++];
                }
                ++i;
            } else if (c == '\\' && i < text.size()) {
                word += text[i++];
            } else {
                word += c;
            }
        }
        words.push_back(std::move(word));
    }
    return words;
}

namespace {

/// emcc ends wasm-opt's command with its feature flags: "--mvp-features" and the --enable-… /
/// --disable-… flags of the linked module. Those depend on the module, so they become a placeholder.
bool replace_feature_flags(std::vector<std::string>& step) {
    auto first = std::find(step.begin(), step.end(), "--mvp-features");
    if (first == step.end()) return false;
    auto last = first + 1;
    while (last != step.end() && (last->starts_with("--enable-") || last->starts_with("--disable-"))) ++last;
    *first = k_features_placeholder;
    step.erase(first + 1, last);
    return true;
}

bool mentions(const std::vector<std::string>& step, const char* placeholder) {
    return std::find(step.begin(), step.end(), placeholder) != step.end();
}

/// "-o @OUT@" in the step: it writes the output file.
bool writes_output(const std::vector<std::string>& step) {
    for (size_t i = 0; i + 1 < step.size(); ++i) {
        if (step[i] == "-o" && step[i + 1] == k_output_placeholder) return true;
    }
    return false;
}

/// Steps that cannot change the output: ones that name neither the output nor the inputs (emcc's
/// `clang --version` check), and a link whose output the next step, the same linker, writes over
/// before anything reads it (emcc links twice, the first time only for metadata it has no use for in
/// a side module).
std::vector<std::vector<std::string>> drop_dead_steps(std::vector<std::vector<std::string>> steps) {
    std::erase_if(steps, [](const auto& step) {
        return !mentions(step, k_output_placeholder) && !mentions(step, k_inputs_placeholder);
    });
    for (size_t i = 0; i + 1 < steps.size();) {
        const auto& a = steps[i];
        const auto& b = steps[i + 1];
        if (a.front() == b.front() && writes_output(a) && writes_output(b) && mentions(a, k_inputs_placeholder) &&
            mentions(b, k_inputs_placeholder)) {
            steps.erase(steps.begin() + static_cast<long>(i));
        } else {
            ++i;
        }
    }
    return steps;
}

}  // namespace

std::vector<std::vector<std::string>> parse_verbose_commands(std::string_view output) {
    std::vector<std::vector<std::string>> commands;
    while (!output.empty()) {
        size_t end = output.find('\n');
        std::string_view line = output.substr(0, end);
        output = end == std::string_view::npos ? std::string_view{} : output.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // One space, then the program: quoted (3.1) or an absolute path (later versions).
        if (line.size() < 2 || line[0] != ' ' || (line[1] != '"' && line[1] != '/')) continue;
        auto words = split_shell_words(line.substr(1));
        if (!words.empty() && !words.front().empty()) commands.push_back(std::move(words));
    }
    return commands;
}

util::Expected<SideLinkTemplate> make_side_link_template(const std::vector<std::vector<std::string>>& commands,
                                                         const std::string& input, const std::string& output,
                                                         const std::string& scratch_dir) {
    if (commands.empty()) {
        return util::fail(util::ErrorKind::Build, "emcc printed no sub-commands for the probe link");
    }
    std::vector<std::vector<std::string>> steps;
    for (const auto& command : commands) {
        std::vector<std::string> step;
        for (const auto& word : command) {
            if (word == output) {
                step.push_back(k_output_placeholder);
            } else if (word == input) {
                step.push_back(k_inputs_placeholder);
            } else if (word.find(scratch_dir) != std::string::npos) {
                return util::fail(util::ErrorKind::Build,
                                  fmt::format("emcc's link command uses a probe path the template cannot "
                                              "reproduce: {}",
                                              word));
            } else {
                step.push_back(word);
            }
        }
        replace_feature_flags(step);
        steps.push_back(std::move(step));
    }
    SideLinkTemplate tmpl;
    tmpl.steps = drop_dead_steps(std::move(steps));
    size_t inputs_seen = 0;
    size_t outputs_seen = 0;
    for (const auto& step : tmpl.steps) {
        inputs_seen += static_cast<size_t>(std::count(step.begin(), step.end(), k_inputs_placeholder));
        outputs_seen += static_cast<size_t>(std::count(step.begin(), step.end(), k_output_placeholder));
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
