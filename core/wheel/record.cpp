#include "wheel/record.hpp"

#include <charconv>

#include <fmt/format.h>

#include "util/encoding.hpp"
#include "util/hash.hpp"

namespace wb::wheel {
using util::ErrorKind;
using util::fail;

namespace {

std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

struct CsvRow {
    std::vector<std::string> fields;
    size_t line = 0;  // 1-based line the row starts on
};

// Splits CSV text into rows: fields separated by ',', optionally quoted with '"' (a doubled quote
// inside is one quote); rows end at '\n' or "\r\n" outside quotes. Blank lines are skipped.
Expected<std::vector<CsvRow>> parse_csv(std::string_view text, std::string_view source) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    bool quoted = false;
    bool row_has_text = false;
    size_t line = 1;
    row.line = 1;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = true;
            row_has_text = true;
        } else if (c == ',') {
            row.fields.push_back(std::move(field));
            field.clear();
            row_has_text = true;
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r') ++i;
            if (row_has_text || !field.empty()) {
                row.fields.push_back(std::move(field));
                rows.push_back(std::move(row));
            }
            field.clear();
            row = CsvRow{{}, ++line};
            row_has_text = false;
        } else {
            field += c;
            row_has_text = true;
        }
    }
    if (quoted) {
        return fail(ErrorKind::Input, fmt::format("{}:{}: expected a closing '\"' before the end", source, row.line));
    }
    if (row_has_text || !field.empty()) {
        row.fields.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::string record_hash(std::string_view content) {
    return "sha256=" + util::base64url_nopad(util::sha256_raw(content));
}

std::string format_record(const std::vector<RecordEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        out += csv_field(e.path) + "," + csv_field(e.hash) + ",";
        if (e.size) out += std::to_string(*e.size);
        out += '\n';
    }
    return out;
}

Expected<std::vector<RecordEntry>> parse_record(std::string_view text, std::string_view source) {
    auto rows = parse_csv(text, source);
    if (!rows) return tl::unexpected(rows.error());
    std::vector<RecordEntry> entries;
    for (auto& row : *rows) {
        if (row.fields.size() != 3 || row.fields[0].empty()) {
            return fail(ErrorKind::Input, fmt::format("{}:{}: expected 'path,hash,size', found {} field(s)", source,
                                                      row.line, row.fields.size()));
        }
        RecordEntry entry{std::move(row.fields[0]), std::move(row.fields[1]), std::nullopt};
        const std::string& size = row.fields[2];
        if (!size.empty()) {
            uint64_t value = 0;
            auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), value);
            if (ec != std::errc() || end != size.data() + size.size()) {
                return fail(ErrorKind::Input, fmt::format("{}:{}: expected a size in bytes for '{}', found '{}'",
                                                          source, row.line, entry.path, size));
            }
            entry.size = value;
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace wb::wheel
