// RuntimeAbi <-> JSON. Names are grouped under their type ("ii>i": [...], "mut i32": [...]) so the
// ~10k symbols of a Pyodide runtime fit in a few hundred KB; maps keep the output sorted and stable.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "abi/runtime_abi.hpp"
#include "abi/signature_code.hpp"

namespace wb::abi {
namespace {

using nlohmann::json;
using util::ErrorKind;
using wasm::ValType;

constexpr const char* k_format = "wasm-build runtime ABI 1";
constexpr const char* k_unknown_signature = "?";

std::optional<ValType> val_type_named(std::string_view name) {
    for (auto t : {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128, ValType::FuncRef,
                   ValType::ExternRef, ValType::ExnRef, ValType::OtherRef}) {
        if (name == wasm::to_string(t)) return t;
    }
    return std::nullopt;
}

json limits_json(const wasm::Limits& l) {
    return {{"min", l.min}, {"max", l.max ? json(*l.max) : json(nullptr)}};
}

wasm::Limits limits_from(const json& j) {
    wasm::Limits l;
    l.min = j.at("min").get<uint64_t>();
    if (!j.at("max").is_null()) l.max = j.at("max").get<uint64_t>();
    return l;
}

/// Decodes the parts of the document; the first malformed value is kept in `problem`.
struct Decoder {
    std::string problem;

    std::optional<wasm::FuncType> signature(const std::string& code) {
        auto type = parse_signature_code(code);
        if (!type && problem.empty()) problem = fmt::format("bad signature code '{}'", code);
        return type;
    }
    wasm::GlobalType global_type(std::string_view text) {
        wasm::GlobalType g;
        if (text.substr(0, 4) == "mut ") g.mutable_ = true, text.remove_prefix(4);
        auto type = val_type_named(text);
        if (!type && problem.empty()) problem = fmt::format("bad global type '{}'", text);
        g.type = type.value_or(ValType::I32);
        return g;
    }
    void functions(const json& groups, Provider provider, RuntimeAbi& abi) {
        for (const auto& [code, names] : groups.items()) {
            std::optional<wasm::FuncType> type;
            if (code != k_unknown_signature) type = signature(code);
            for (const auto& n : names) abi.functions[n.get<std::string>()] = {type, provider};
        }
    }
    void rest(const json& doc, RuntimeAbi& abi) {
        for (const auto& [type, names] : doc.at("globals").items()) {
            for (const auto& n : names) abi.globals[n.get<std::string>()] = global_type(type);
        }
        for (const auto& [n, code] : doc.at("tags").items()) {
            abi.tags[n] = signature(code.get<std::string>()).value_or(wasm::FuncType{});
        }
        for (const auto& [n, j] : doc.at("memories").items()) {
            abi.memories[n] = {limits_from(j), j.at("shared").get<bool>(), j.at("memory64").get<bool>(),
                               j.at("page_size_log2").get<uint32_t>()};
        }
        for (const auto& [n, j] : doc.at("tables").items()) {
            auto element = val_type_named(j.at("element").get<std::string>());
            if (!element && problem.empty()) problem = fmt::format("bad table element type for '{}'", n);
            abi.tables[n] = {element.value_or(ValType::FuncRef), limits_from(j), j.at("table64").get<bool>()};
        }
        if (doc.at("target_features").is_null()) return;
        abi.target_features.emplace();
        for (const auto& f : doc.at("target_features")) {
            auto text = f.get<std::string>();
            if (text.size() < 2 && problem.empty()) problem = fmt::format("bad target feature '{}'", text);
            if (text.size() >= 2) abi.target_features->push_back({text[0], text.substr(1)});
        }
    }
};

json functions_json(const RuntimeAbi& abi, Provider provider) {
    json out = json::object();
    for (const auto& [name, f] : abi.functions) {
        if (f.provider != provider) continue;
        out[f.signature ? signature_code(*f.signature) : k_unknown_signature].push_back(name);
    }
    return out;
}

}  // namespace

std::string RuntimeAbi::to_json() const {
    json doc;
    doc["format"] = k_format;
    doc["runtime"] = name;
    doc["functions"] = functions_json(*this, Provider::MainModule);
    doc["js_functions"] = functions_json(*this, Provider::JavaScript);
    json g = json::object(), t = json::object(), m = json::object(), tb = json::object();
    for (const auto& [n, type] : globals) g[wasm::to_string(type)].push_back(n);
    for (const auto& [n, type] : tags) t[n] = signature_code(type);
    for (const auto& [n, mem] : memories) {
        m[n] = limits_json(mem.limits);
        m[n]["shared"] = mem.shared;
        m[n]["memory64"] = mem.memory64;
        m[n]["page_size_log2"] = mem.page_size_log2;
    }
    for (const auto& [n, table] : tables) {
        tb[n] = limits_json(table.limits);
        tb[n]["element"] = wasm::to_string(table.element);
        tb[n]["table64"] = table.table64;
    }
    doc["globals"] = g;
    doc["tags"] = t;
    doc["memories"] = m;
    doc["tables"] = tb;
    if (target_features) {
        doc["target_features"] = json::array();
        for (const auto& f : *target_features) doc["target_features"].push_back(std::string(1, f.prefix) + f.name);
    } else {
        doc["target_features"] = nullptr;
    }
    return doc.dump(1) + "\n";
}

Expected<RuntimeAbi> RuntimeAbi::from_json(std::string_view text) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return util::fail(ErrorKind::Input, "runtime ABI: not a JSON object");
    if (!doc.contains("format") || doc["format"] != k_format) {
        return util::fail(ErrorKind::Input, fmt::format("runtime ABI: unknown format (expected \"{}\")", k_format));
    }
    RuntimeAbi abi;
    Decoder decode;
    try {  // nlohmann reports missing keys and wrong types by exception
        abi.name = doc.at("runtime").get<std::string>();
        decode.functions(doc.at("functions"), Provider::MainModule, abi);
        decode.functions(doc.at("js_functions"), Provider::JavaScript, abi);
        decode.rest(doc, abi);
    } catch (const json::exception& e) {
        return util::fail(ErrorKind::Input, fmt::format("runtime ABI: {}", e.what()));
    }
    if (!decode.problem.empty()) return util::fail(ErrorKind::Input, "runtime ABI: " + decode.problem);
    return abi;
}

}  // namespace wb::abi
