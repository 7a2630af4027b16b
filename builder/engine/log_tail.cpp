#include "engine/log_tail.hpp"

#include <deque>
#include <fstream>

namespace wb::engine {

std::string last_lines(const std::filesystem::path& file, size_t count) {
    std::ifstream in(file);
    std::deque<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
        if (lines.size() > count) lines.pop_front();
    }
    std::string out;
    for (const auto& l : lines) out += "    " + l + "\n";
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace wb::engine
