#include "wasm/wasm_module.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wasm/sections.hpp"

namespace wb::wasm {
namespace {

constexpr uint8_t k_magic[] = {0x00, 0x61, 0x73, 0x6d};
constexpr uint8_t k_version[] = {0x01, 0x00, 0x00, 0x00};

void read_custom_section(ByteReader& section, WasmModule& m, SectionInfo& info) {
    info.name = section.name("custom section name");
    if (!section.ok()) return;
    ByteReader r = section.sub(section.remaining(), fmt::format("custom section '{}'", info.name), "payload");
    if (info.name == "dylink.0" && !m.dylink) {
        m.dylink = parse_dylink(r);
    } else if (info.name == "target_features" && !m.target_features) {
        m.target_features = parse_target_features(r);
    } else {
        r.skip(r.remaining(), "payload");
    }
    if (r.ok() && !r.at_end()) r.fail(fmt::format("{} bytes left over at the end of the section", r.remaining()));
    section.adopt_error(r);
}

void read_known_section(ByteReader& r, WasmModule& m, uint8_t id) {
    switch (id) {
        case k_type: read_type_section(r, m); break;
        case k_import: read_import_section(r, m); break;
        case k_function: read_function_section(r, m); break;
        case k_table: read_table_section(r, m); break;
        case k_memory: read_memory_section(r, m); break;
        case k_global: read_global_section(r, m); break;
        case k_tag: read_tag_section(r, m); break;
        case k_export: read_export_section(r, m); break;
        case k_code: read_code_section(r, m); break;
        default: r.skip(r.remaining(), "section payload"); break;  // start, element, data, data count
    }
}

/// Reads one section at the reader's position; last_rank enforces the order of known sections.
void read_section(ByteReader& r, WasmModule& m, int& last_rank) {
    SectionInfo info;
    info.offset = r.offset();
    info.id = r.u8("section id");
    uint32_t size = r.u32("section size");
    if (!r.ok()) return;
    const char* name = section_name(info.id);
    if (!name) return r.fail_at(info.offset, fmt::format("unknown section id {}", info.id));
    if (info.id != k_custom) {
        int rank = section_rank(info.id);
        if (rank <= last_rank) return r.fail_at(info.offset, fmt::format("{} is duplicated or out of order", name));
        last_rank = rank;
    }
    if (size > r.remaining()) {
        return r.fail_at(info.offset,
                         fmt::format("{} declares {} bytes but only {} are left", name, size, r.remaining()));
    }
    info.size = size;
    ByteReader section = r.sub(size, name, "section");
    if (info.id == k_custom) {
        read_custom_section(section, m, info);
    } else {
        read_known_section(section, m, info.id);
    }
    if (section.ok() && !section.at_end()) {
        section.fail(fmt::format("{} bytes left over at the end of the section", section.remaining()));
    }
    r.adopt_error(section);
    m.sections.push_back(std::move(info));
}

}  // namespace

Expected<WasmModule> WasmModule::parse(std::span<const uint8_t> bytes) {
    ByteReader r(bytes, 0, "module header");
    auto magic = r.bytes(4, "magic number");
    if (!r.ok() || !std::equal(magic.begin(), magic.end(), std::begin(k_magic))) {
        return util::fail(util::ErrorKind::Input, "not a WebAssembly module: no \\0asm magic number at byte offset 0");
    }
    auto version = r.bytes(4, "version");
    if (!r.ok()) return tl::unexpected(r.error());
    if (!std::equal(version.begin(), version.end(), std::begin(k_version))) {
        return util::fail(util::ErrorKind::Input,
                          fmt::format("module header: unsupported binary version {:02x} {:02x} {:02x} {:02x} (a "
                                      "component?) at byte offset 4",
                                      version[0], version[1], version[2], version[3]));
    }
    WasmModule m;
    int last_rank = 0;
    ByteReader body(bytes.subspan(8), 8, "module");
    while (body.ok() && !body.at_end()) read_section(body, m, last_rank);
    if (!body.ok()) return tl::unexpected(body.error());
    bool has_code = std::any_of(m.sections.begin(), m.sections.end(), [](const auto& s) { return s.id == k_code; });
    if (!m.function_types.empty() && !has_code) {
        return util::fail(util::ErrorKind::Input,
                          fmt::format("module: function section declares {} functions but there is no code "
                                      "section before the end at byte offset {}",
                                      m.function_types.size(), bytes.size()));
    }
    return m;
}

std::vector<std::string> WasmModule::custom_section_names() const {
    std::vector<std::string> out;
    for (const auto& s : sections) {
        if (s.id == k_custom) out.push_back(s.name);
    }
    return out;
}

const Import* WasmModule::find_import(std::string_view module, std::string_view name) const {
    for (const auto& i : imports) {
        if (i.module == module && i.name == name) return &i;
    }
    return nullptr;
}

const Export* WasmModule::find_export(std::string_view name) const {
    for (const auto& e : exports) {
        if (e.name == name) return &e;
    }
    return nullptr;
}

size_t WasmModule::imported_count(ExternalKind kind) const {
    return std::count_if(imports.begin(), imports.end(), [&](const Import& i) { return i.kind == kind; });
}

}  // namespace wb::wasm
