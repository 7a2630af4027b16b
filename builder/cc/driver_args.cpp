#include "cc/driver_args.hpp"

#include <cctype>
#include <string_view>

namespace wb::cc {
namespace {

// Options whose value is always the next word.
constexpr std::string_view k_separate_only[] = {
    "-Xlinker",
    "-Xpreprocessor",
    "-Xassembler",
    "-Xclang",
    "-Xanalyzer",
    "-mllvm",
    "-target",
    "-MJ",
    "-arch",
    "-aux-info",
    "--param",
    "-dumpbase",
    "-dumpdir",
    "-install_name",
    "-undefined",
    "-framework",
    "-rpath",
    "--sysroot",
    "-serialize-diagnostics",
    "-ivfsoverlay",
    "-include-pch",
    "-z",
    "-e",
};

// Options taking a value either joined or as the next word; longest first so that prefix matching
// finds "-isystem" before "-I"-like short ones.
constexpr std::string_view k_joined_or_separate[] = {
    "-iwithprefixbefore",
    "-iwithprefix",
    "-idirafter",
    "-iframework",
    "-imultilib",
    "-isysroot",
    "-isystem",
    "-iprefix",
    "-include",
    "-imacros",
    "-iquote",
    "-MF",
    "-MT",
    "-MQ",
    "-I",
    "-L",
    "-l",
    "-D",
    "-U",
    "-o",
    "-x",
    "-B",
    "-T",
    "-u",
};

}  // namespace

DriverArg DriverArg::operand(std::string text) { return {Kind::Operand, {}, std::move(text), false}; }
DriverArg DriverArg::flag(std::string word) { return {Kind::Flag, std::move(word), {}, false}; }
DriverArg DriverArg::valued(std::string name, std::string value, bool separate) {
    return {Kind::Valued, std::move(name), std::move(value), separate};
}

std::vector<std::string> DriverArg::words() const {
    switch (kind) {
        case Kind::Operand:
            return {value};
        case Kind::Flag:
            return {name};
        case Kind::Valued:
            if (separate) return {name, value};
            return {name + value};
    }
    return {};
}

bool is_setting_word(const std::string& word) {
    // emcc's test: the name before '=' is an upper-case identifier ("SIDE_MODULE", "SIDE_MODULE=1").
    std::string_view name = std::string_view(word).substr(0, word.find('='));
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    bool upper = false;
    for (char c : name) {
        if (std::isupper(static_cast<unsigned char>(c))) upper = true;
        else if (!std::isdigit(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return upper;
}

std::vector<DriverArg> split_driver_args(const std::vector<std::string>& argv) {
    std::vector<DriverArg> out;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& word = argv[i];
        bool has_next = i + 1 < argv.size();
        if (word == "-" || word.empty() || word[0] != '-') {
            out.push_back(DriverArg::operand(word));
            continue;
        }
        // Emscripten settings: "-sFOO=1", or the older "-s FOO=1"; a bare "-s" means strip.
        if (word == "-s" && has_next && is_setting_word(argv[i + 1])) {
            out.push_back(DriverArg::valued("-s", argv[++i], true));
            continue;
        }
        if (word.size() > 2 && word.starts_with("-s") && is_setting_word(word.substr(2))) {
            out.push_back(DriverArg::valued("-s", word.substr(2), false));
            continue;
        }
        bool matched = false;
        for (std::string_view name : k_separate_only) {
            if (word == name) {
                if (has_next)
                    out.push_back(DriverArg::valued(word, argv[++i], true));
                else
                    out.push_back(DriverArg::flag(word));
                matched = true;
                break;
            }
        }
        if (matched) continue;
        for (std::string_view name : k_joined_or_separate) {
            if (word == name) {
                if (has_next)
                    out.push_back(DriverArg::valued(word, argv[++i], true));
                else
                    out.push_back(DriverArg::flag(word));
                matched = true;
                break;
            }
            if (word.starts_with(name)) {
                out.push_back(DriverArg::valued(std::string(name), word.substr(name.size()), false));
                matched = true;
                break;
            }
        }
        if (!matched) out.push_back(DriverArg::flag(word));
    }
    return out;
}

std::vector<std::string> join_driver_args(const std::vector<DriverArg>& args) {
    std::vector<std::string> out;
    for (const auto& arg : args) {
        for (auto& word : arg.words()) out.push_back(std::move(word));
    }
    return out;
}

}  // namespace wb::cc
