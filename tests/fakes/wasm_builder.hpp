#pragma once
// Hand-assembles small WebAssembly modules for tests: signatures, imports, defined entities,
// exports and the dylink.0 / target_features custom sections, emitted in the binary format's
// order (dylink.0 first, as Emscripten's loader requires). Low-level helpers build odd bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wb::test {

using Bytes = std::vector<uint8_t>;

inline void put_leb(Bytes& out, uint64_t v) {
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        out.push_back(v ? byte | 0x80 : byte);
    } while (v);
}

inline void put_sleb(Bytes& out, int64_t v) {
    while (true) {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        out.push_back(done ? byte : byte | 0x80);
        if (done) return;
    }
}

inline void put_name(Bytes& out, std::string_view s) {
    put_leb(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

inline void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

/// id, LEB size, payload.
inline Bytes section(uint8_t id, const Bytes& payload) {
    Bytes out{id};
    put_leb(out, payload.size());
    append(out, payload);
    return out;
}

inline Bytes custom_section(std::string_view name, const Bytes& payload) {
    Bytes body;
    put_name(body, name);
    append(body, payload);
    return section(0, body);
}

inline Bytes module_header() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

/// The contents of a dylink.0 section.
struct DylinkSpec {
    uint32_t memory_size = 0, memory_align = 0, table_size = 0, table_align = 0;
    std::vector<std::string> needed;
    std::vector<std::pair<std::string, uint32_t>> export_info;  ///< name, flags
    struct ImportInfo {
        std::string module, name;
        uint32_t flags;
    };
    std::vector<ImportInfo> import_info;
    std::vector<std::string> runtime_paths;

    Bytes payload() const {
        Bytes out;
        auto sub = [&](uint8_t type, const Bytes& body) {
            out.push_back(type);
            put_leb(out, body.size());
            append(out, body);
        };
        Bytes mem;
        for (uint32_t v : {memory_size, memory_align, table_size, table_align}) put_leb(mem, v);
        sub(1, mem);
        auto strings = [](const std::vector<std::string>& list) {
            Bytes b;
            put_leb(b, list.size());
            for (const auto& s : list) put_name(b, s);
            return b;
        };
        if (!needed.empty()) sub(2, strings(needed));
        if (!export_info.empty()) {
            Bytes b;
            put_leb(b, export_info.size());
            for (const auto& [name, flags] : export_info) put_name(b, name), put_leb(b, flags);
            sub(3, b);
        }
        if (!import_info.empty()) {
            Bytes b;
            put_leb(b, import_info.size());
            for (const auto& i : import_info) put_name(b, i.module), put_name(b, i.name), put_leb(b, i.flags);
            sub(4, b);
        }
        if (!runtime_paths.empty()) sub(5, strings(runtime_paths));
        return out;
    }
};

class WasmBuilder {
public:
    static constexpr uint8_t i32 = 0x7f, i64 = 0x7e, f32 = 0x7d, f64 = 0x7c, funcref = 0x70, externref = 0x6f;

    uint32_t type(const Bytes& params, const Bytes& results) {
        m_types.push_back(0x60);
        put_leb(m_types, params.size());
        append(m_types, params);
        put_leb(m_types, results.size());
        append(m_types, results);
        return m_type_count++;
    }
    void import_func(std::string_view module, std::string_view name, uint32_t type_index) {
        import_head(module, name, 0);
        put_leb(m_imports, type_index);
    }
    void import_global(std::string_view module, std::string_view name, uint8_t type, bool mut) {
        import_head(module, name, 3);
        m_imports.push_back(type);
        m_imports.push_back(mut ? 1 : 0);
    }
    void import_memory(std::string_view module, std::string_view name, uint64_t min, std::optional<uint64_t> max,
                       bool shared = false, bool memory64 = false) {
        import_head(module, name, 2);
        put_limits(m_imports, min, max, (shared ? 0x02 : 0) | (memory64 ? 0x04 : 0));
    }
    void import_table(std::string_view module, std::string_view name, uint8_t element, uint64_t min,
                      std::optional<uint64_t> max = {}, bool table64 = false) {
        import_head(module, name, 1);
        m_imports.push_back(element);
        put_limits(m_imports, min, max, table64 ? 0x04 : 0);
    }
    void import_tag(std::string_view module, std::string_view name, uint32_t type_index) {
        import_head(module, name, 4);
        m_imports.push_back(0);
        put_leb(m_imports, type_index);
    }
    /// A defined function with an empty body; returns its index among defined functions.
    uint32_t function(uint32_t type_index) {
        put_leb(m_functions, type_index);
        return m_function_count++;
    }
    void memory(uint64_t min, std::optional<uint64_t> max, bool shared = false) {
        put_limits(m_memories, min, max, shared ? 0x02 : 0);
        ++m_memory_count;
    }
    void global(uint8_t type, bool mut, int32_t init) {
        m_globals.push_back(type);
        m_globals.push_back(mut ? 1 : 0);
        m_globals.push_back(0x41);  // i32.const (tests use i32 globals)
        put_sleb(m_globals, init);
        m_globals.push_back(0x0b);
        ++m_global_count;
    }
    void tag(uint32_t type_index) {
        m_tags.push_back(0);
        put_leb(m_tags, type_index);
        ++m_tag_count;
    }
    /// kind: 0 function, 1 table, 2 memory, 3 global, 4 tag; index counts imports first.
    void export_(std::string_view name, uint8_t kind, uint32_t index) {
        put_name(m_exports, name);
        m_exports.push_back(kind);
        put_leb(m_exports, index);
        ++m_export_count;
    }
    void dylink(const DylinkSpec& spec) { m_dylink = spec.payload(); }
    void target_features(const std::vector<std::pair<char, std::string>>& features) {
        Bytes b;
        put_leb(b, features.size());
        for (const auto& [prefix, name] : features) b.push_back(static_cast<uint8_t>(prefix)), put_name(b, name);
        m_trailing_customs.push_back(custom_section("target_features", b));
    }
    void custom(std::string_view name, const Bytes& payload) {
        m_trailing_customs.push_back(custom_section(name, payload));
    }

    Bytes build() const {
        Bytes out = module_header();
        if (m_dylink) append(out, custom_section("dylink.0", *m_dylink));
        add_vector(out, 1, m_type_count, m_types);
        add_vector(out, 2, m_import_count, m_imports);
        add_vector(out, 3, m_function_count, m_functions);
        add_vector(out, 5, m_memory_count, m_memories);
        add_vector(out, 13, m_tag_count, m_tags);
        add_vector(out, 6, m_global_count, m_globals);
        add_vector(out, 7, m_export_count, m_exports);
        if (m_function_count > 0) {
            Bytes bodies;
            for (uint32_t i = 0; i < m_function_count; ++i) bodies.insert(bodies.end(), {0x02, 0x00, 0x0b});
            add_vector(out, 10, m_function_count, bodies);
        }
        for (const auto& c : m_trailing_customs) append(out, c);
        return out;
    }

private:
    void import_head(std::string_view module, std::string_view name, uint8_t kind) {
        put_name(m_imports, module);
        put_name(m_imports, name);
        m_imports.push_back(kind);
        ++m_import_count;
    }
    static void put_limits(Bytes& out, uint64_t min, std::optional<uint64_t> max, uint8_t flags) {
        out.push_back(flags | (max ? 0x01 : 0));
        put_leb(out, min);
        if (max) put_leb(out, *max);
    }
    static void add_vector(Bytes& out, uint8_t id, uint32_t count, const Bytes& items) {
        if (count == 0) return;
        Bytes payload;
        put_leb(payload, count);
        append(payload, items);
        append(out, section(id, payload));
    }

    Bytes m_types, m_imports, m_functions, m_memories, m_tags, m_globals, m_exports;
    uint32_t m_type_count = 0, m_import_count = 0, m_function_count = 0, m_memory_count = 0, m_tag_count = 0,
             m_global_count = 0, m_export_count = 0;
    std::optional<Bytes> m_dylink;
    std::vector<Bytes> m_trailing_customs;
};

}  // namespace wb::test
