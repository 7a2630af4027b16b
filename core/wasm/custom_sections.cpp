#include "wasm/custom_sections.hpp"

#include <fmt/format.h>

namespace wb::wasm {
namespace {

enum DylinkSubsection : uint8_t {
    k_mem_info = 1,
    k_needed = 2,
    k_export_info = 3,
    k_import_info = 4,
    k_runtime_path = 5,
};

std::vector<std::string> read_strings(ByteReader& r, std::string_view what) {
    std::vector<std::string> out;
    uint32_t n = r.count(what);
    for (uint32_t i = 0; i < n && r.ok(); ++i) out.push_back(r.name(what));
    return out;
}

std::vector<DylinkSymbol> read_symbols(ByteReader& r, bool with_module) {
    std::vector<DylinkSymbol> out;
    uint32_t n = r.count("symbol count", with_module ? 3 : 2);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
        DylinkSymbol s;
        if (with_module) s.module = r.name("symbol module");
        s.name = r.name("symbol name");
        s.flags = r.u32("symbol flags");
        out.push_back(std::move(s));
    }
    return out;
}

void read_subsection(ByteReader& r, uint8_t type, DylinkInfo& info) {
    switch (type) {
        case k_mem_info:
            info.memory_size = r.u32("memory size");
            info.memory_align = r.u32("memory alignment");
            info.table_size = r.u32("table size");
            info.table_align = r.u32("table alignment");
            break;
        case k_needed: info.needed = read_strings(r, "needed library"); break;
        case k_export_info: info.export_info = read_symbols(r, false); break;
        case k_import_info: info.import_info = read_symbols(r, true); break;
        case k_runtime_path: info.runtime_paths = read_strings(r, "runtime path"); break;
        default: r.skip(r.remaining(), "unknown subsection"); break;
    }
}

}  // namespace

bool DylinkInfo::is_weak_import(std::string_view module, std::string_view name) const {
    for (const auto& s : import_info) {
        if (s.name == name && s.module == module && s.weak()) return true;
    }
    return false;
}

DylinkInfo parse_dylink(ByteReader& reader) {
    DylinkInfo info;
    while (reader.ok() && !reader.at_end()) {
        uint8_t type = reader.u8("subsection type");
        uint32_t size = reader.u32("subsection size");
        ByteReader sub = reader.sub(size, fmt::format("{} subsection {}", reader.context(), type), "subsection");
        if (!reader.ok()) break;
        read_subsection(sub, type, info);
        if (sub.ok() && !sub.at_end()) sub.fail(fmt::format("{} bytes left over", sub.remaining()));
        reader.adopt_error(sub);
    }
    return info;
}

std::vector<TargetFeature> parse_target_features(ByteReader& reader) {
    std::vector<TargetFeature> out;
    uint32_t n = reader.count("feature count", 2);
    for (uint32_t i = 0; i < n && reader.ok(); ++i) {
        TargetFeature f;
        f.prefix = static_cast<char>(reader.u8("feature prefix"));
        if (reader.ok() && f.prefix != '+' && f.prefix != '-' && f.prefix != '=') {
            reader.fail(fmt::format("unknown feature prefix 0x{:02x}", static_cast<uint8_t>(f.prefix)));
        }
        f.name = reader.name("feature name");
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace wb::wasm
