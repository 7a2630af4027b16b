#include "abi/library_set.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "abi/loader_rules.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "wheel/zip_input.hpp"

namespace wb::abi {
namespace {

namespace fs = std::filesystem;

/// Larger members are reported, not read: no real side module comes close.
constexpr uint64_t k_max_library_size = 512ull << 20;

std::string base_name(std::string_view path) {
    size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string dir_name(std::string_view path) {
    size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

/// Resolves "." and ".." in a '/'-separated relative path; nullopt when it climbs out of the root.
std::optional<std::string> normalize(std::string_view path) {
    std::vector<std::string> parts;
    for (auto& part : util::split(path, '/')) {
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else {
            parts.push_back(part);
        }
    }
    return util::join(parts, "/");
}

Library make_library(std::string name, std::string_view bytes, bool in_wheel) {
    Library lib;
    lib.file = base_name(name);
    lib.name = std::move(name);
    lib.in_wheel = in_wheel;
    auto span = std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    auto module = wasm::WasmModule::parse(span);
    if (module) {
        lib.module = std::move(*module);
    } else {
        lib.error = module.error().message;
    }
    return lib;
}

/// Every shared-library member of a wheel, parsed; suffix is appended to their names.
util::Expected<std::vector<Library>> read_wheel(const fs::path& wheel, bool in_wheel, const std::string& suffix) {
    auto zip = wheel::ZipInput::open(wheel);
    if (!zip) return tl::unexpected(zip.error());
    std::vector<Library> out;
    while (true) {
        auto entry = zip->next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) break;
        if (!is_shared_library_name((*entry)->name)) continue;
        if ((*entry)->size > k_max_library_size) {
            Library lib{(*entry)->name + suffix, base_name((*entry)->name), in_wheel, std::nullopt, {}};
            lib.error = fmt::format("{} bytes: too large to check", (*entry)->size);
            out.push_back(std::move(lib));
            continue;
        }
        auto bytes = zip->read_all();
        if (!bytes) return tl::unexpected(bytes.error());
        out.push_back(make_library((*entry)->name + suffix, *bytes, in_wheel));
        out.back().file = base_name((*entry)->name);
    }
    return out;
}

}  // namespace

bool is_shared_library_name(std::string_view path) {
    std::string name = base_name(path);
    // Strip trailing ".<digits>" groups, then require ".so".
    while (true) {
        size_t dot = name.rfind('.');
        if (dot == std::string::npos || dot + 1 == name.size()) break;
        std::string_view tail(name.c_str() + dot + 1);
        if (!std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; })) break;
        name.resize(dot);
    }
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0;
}

util::Expected<void> LibrarySet::add_wheel(const fs::path& wheel) {
    auto libs = read_wheel(wheel, true, "");
    if (!libs) return tl::unexpected(libs.error());
    for (auto& lib : *libs) m_wheel.push_back(std::move(lib));
    return {};
}

util::Expected<void> LibrarySet::add_declared(const fs::path& path) {
    if (path.extension() == ".whl" || path.extension() == ".zip") {  // a wheel, or a shared-library package
        auto libs = read_wheel(path, false, fmt::format(" (from {})", path.filename().string()));
        if (!libs) return tl::unexpected(libs.error());
        for (auto& lib : *libs) m_declared.push_back(std::move(lib));
        return {};
    }
    auto bytes = util::read_file(path);
    if (!bytes) return tl::unexpected(bytes.error());
    m_declared.push_back(make_library(path.filename().string(), *bytes, false));
    return {};
}

NeededLookup LibrarySet::find_needed(const Library& from, std::string_view needed) const {
    NeededLookup out;
    std::string file = base_name(needed);
    if (from.in_wheel && from.module && from.module->dylink) {
        for (const auto& rpath : from.module->dylink->runtime_paths) {
            std::string dir = util::replace_all(rpath, "$ORIGIN", dir_name(from.name));
            auto path = normalize(dir + "/" + std::string(needed));
            if (!path) continue;
            for (const auto& lib : m_wheel) {
                if (lib.name == *path) return {&lib, nullptr};
            }
        }
    }
    for (const auto& lib : m_declared) {
        if (lib.file == file) return {&lib, nullptr};
    }
    for (const auto& lib : m_wheel) {
        if (lib.file == file && &lib != &from) out.stranded = &lib;
    }
    return out;
}

std::vector<const Library*> LibrarySet::needed_closure(const Library& from) const {
    std::vector<const Library*> out;
    std::vector<const Library*> todo{&from};
    while (!todo.empty()) {
        const Library* lib = todo.back();
        todo.pop_back();
        if (!lib->module || !lib->module->dylink) continue;
        for (const auto& needed : lib->module->dylink->needed) {
            const Library* found = find_needed(*lib, needed).found;
            if (!found || found == &from || std::find(out.begin(), out.end(), found) != out.end()) continue;
            out.push_back(found);
            todo.push_back(found);
        }
    }
    return out;
}

std::vector<const Library*> LibrarySet::exporters(std::string_view name) const {
    std::vector<const Library*> out;
    for (const auto* list : {&m_wheel, &m_declared}) {
        for (const auto& lib : *list) {
            if (lib.module && !is_loader_internal(name) && lib.module->find_export(name)) out.push_back(&lib);
        }
    }
    return out;
}

std::set<std::string> offered_names(const wasm::WasmModule& module) {
    std::set<std::string> out;
    for (const auto& e : module.exports) {
        if (!is_loader_internal(e.name)) out.insert(e.name);
    }
    return out;
}

}  // namespace wb::abi
