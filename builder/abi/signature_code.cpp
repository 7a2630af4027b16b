#include "abi/signature_code.hpp"

namespace wb::abi {
namespace {

using wasm::ValType;

char letter(ValType type) {
    switch (type) {
        case ValType::I32: return 'i';
        case ValType::I64: return 'j';
        case ValType::F32: return 'f';
        case ValType::F64: return 'd';
        case ValType::V128: return 'V';
        case ValType::FuncRef: return 'F';
        case ValType::ExternRef: return 'e';
        case ValType::ExnRef: return 'x';
        case ValType::OtherRef: return 'r';
    }
    return '?';
}

std::optional<ValType> from_letter(char c) {
    switch (c) {
        case 'i': return ValType::I32;
        case 'j': return ValType::I64;
        case 'f': return ValType::F32;
        case 'd': return ValType::F64;
        case 'V': return ValType::V128;
        case 'F': return ValType::FuncRef;
        case 'e': return ValType::ExternRef;
        case 'x': return ValType::ExnRef;
        case 'r': return ValType::OtherRef;
        default: return std::nullopt;
    }
}

bool append_letters(std::string_view letters, std::vector<ValType>& out) {
    for (char c : letters) {
        auto t = from_letter(c);
        if (!t) return false;
        out.push_back(*t);
    }
    return true;
}

}  // namespace

std::string signature_code(const wasm::FuncType& type) {
    std::string out;
    for (auto t : type.params) out += letter(t);
    out += '>';
    for (auto t : type.results) out += letter(t);
    return out;
}

std::optional<wasm::FuncType> parse_signature_code(std::string_view code) {
    size_t arrow = code.find('>');
    if (arrow == std::string_view::npos || code.find('>', arrow + 1) != std::string_view::npos) return std::nullopt;
    wasm::FuncType type;
    if (!append_letters(code.substr(0, arrow), type.params)) return std::nullopt;
    if (!append_letters(code.substr(arrow + 1), type.results)) return std::nullopt;
    return type;
}

std::optional<wasm::FuncType> parse_emscripten_sig(std::string_view sig, bool memory64) {
    if (sig.empty()) return std::nullopt;
    wasm::FuncType type;
    auto add = [&](char c, std::vector<ValType>& out) {
        if (c == 'p') {
            out.push_back(memory64 ? ValType::I64 : ValType::I32);
            return true;
        }
        if (c != 'i' && c != 'j' && c != 'f' && c != 'd' && c != 'e') return false;
        out.push_back(*from_letter(c));
        return true;
    };
    if (sig[0] != 'v' && !add(sig[0], type.results)) return std::nullopt;
    for (char c : sig.substr(1)) {
        if (!add(c, type.params)) return std::nullopt;
    }
    return type;
}

}  // namespace wb::abi
