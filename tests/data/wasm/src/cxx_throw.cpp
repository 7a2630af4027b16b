#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" int wb_sorted_first(int n) {
    std::vector<int> v;
    for (int i = n; i > 0; --i) v.push_back(i);
    std::sort(v.begin(), v.end());
    return v.front();
}

static int parse(const std::string& s) {
    if (s.empty()) throw std::invalid_argument("empty");
    return static_cast<int>(s.size());
}

extern "C" int wb_try_parse(const char* s) {
    try {
        return parse(s);
    } catch (const std::exception&) {
        return -1;
    }
}
