#pragma once
// Splits a gcc/clang driver command line into options and operands. It knows which options take a
// value, joined (`-Idir`) or separate (`-I dir`), so later passes never mistake a value for an input.
#include <string>
#include <vector>

namespace wb::cc {

struct DriverArg {
    enum class Kind {
        Operand,  ///< an input file (or "-"): `value` holds it
        Flag,     ///< a word on its own: `name` holds it
        Valued,   ///< an option with a value: `name` + `value`
    };
    Kind kind = Kind::Flag;
    std::string name;
    std::string value;
    bool separate = false;  ///< the value was the next word

    static DriverArg operand(std::string text);
    static DriverArg flag(std::string word);
    static DriverArg valued(std::string name, std::string value, bool separate);

    bool is(const char* option) const { return kind != Kind::Operand && name == option; }
    /// Back to argv words in the original spelling.
    std::vector<std::string> words() const;
};

std::vector<DriverArg> split_driver_args(const std::vector<std::string>& argv);

/// Flattens arguments back into argv words.
std::vector<std::string> join_driver_args(const std::vector<DriverArg>& args);

/// True if the word names an Emscripten setting (`FOO=1`, `EXPORTED_FUNCTIONS=[…]`, `FOO`) as `-s`
/// takes it.
bool is_setting_word(const std::string& word);

}  // namespace wb::cc
