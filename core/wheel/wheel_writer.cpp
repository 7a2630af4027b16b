#include "wheel/wheel_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/safe_path.hpp"
#include "wheel/record.hpp"
#include "wheel/staged_tree.hpp"
#include "wheel/zip_writer.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

struct DistInfo {
    std::string dir;
    std::string metadata;
    std::string wheel;
    std::vector<std::pair<std::string, std::string>> files;
};

Expected<DistInfo> make_dist_info(const WheelSpec& spec) {
    auto dir = dist_info_dir(spec);
    if (!dir) return tl::unexpected(dir.error());
    auto metadata = spec.metadata_text.empty() ? make_metadata(spec) : Expected<std::string>(spec.metadata_text);
    if (!metadata) return tl::unexpected(metadata.error());
    auto wheel = make_wheel_info(spec);
    if (!wheel) return tl::unexpected(wheel.error());
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [name, content] : spec.dist_info_files) {
        // A member of the wheel: no backslash (a separator on Windows), as member_names.hpp asks.
        auto path = util::SafePath::parse(name, {.backslash_allowed = false});
        if (!path) return fail(ErrorKind::Input, "dist-info file name " + path.error().message);
        std::string plain = path->str();
        if (plain == "METADATA" || plain == "WHEEL" || plain == "RECORD") {
            return fail(ErrorKind::Input, fmt::format("dist-info file name '{}' is not allowed: the writer makes {}",
                                                      name, plain));
        }
        files.emplace_back(std::move(plain), content);
    }
    std::sort(files.begin(), files.end());
    return DistInfo{*dir, *metadata, *wheel, std::move(files)};
}

// Adds one member to the zip and its line to the RECORD.
Expected<void> add_member(ZipWriter& zip, std::vector<RecordEntry>& record, const std::string& name,
                          std::string_view content, bool executable) {
    record.push_back(RecordEntry{name, record_hash(content), content.size()});
    return zip.add(name, content, executable ? 0755 : 0644);
}

Expected<void> pack(const fs::path& staged_root, const DistInfo& info, util::AtomicFile& out, int64_t epoch) {
    auto files = collect_staged_files(staged_root);
    if (!files) return tl::unexpected(files.error());
    ZipWriter zip([&out](std::string_view bytes) { return out.write(bytes); }, epoch);
    std::vector<RecordEntry> record;
    for (const auto& file : *files) {
        auto content = util::read_file(file.source);
        if (!content) return tl::unexpected(content.error());
        if (auto ok = add_member(zip, record, file.name, *content, file.executable); !ok) return ok;
    }
    if (auto ok = add_member(zip, record, info.dir + "/METADATA", info.metadata, false); !ok) return ok;
    if (auto ok = add_member(zip, record, info.dir + "/WHEEL", info.wheel, false); !ok) return ok;
    for (const auto& [name, content] : info.files) {
        if (auto ok = add_member(zip, record, info.dir + "/" + name, content, false); !ok) return ok;
    }
    std::string record_name = info.dir + "/RECORD";
    record.push_back(RecordEntry{record_name, "", std::nullopt});
    if (auto ok = zip.add(record_name, format_record(record), 0644); !ok) return ok;
    return zip.finish();
}

}  // namespace

Expected<fs::path> write_wheel(const fs::path& staged_root, const WheelSpec& spec, const fs::path& out_dir,
                               int64_t source_date_epoch) {
    auto info = make_dist_info(spec);
    if (!info) return tl::unexpected(info.error());
    auto filename = wheel_filename(spec);
    if (!filename) return tl::unexpected(filename.error());
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create output directory: {}", out_dir.string(), ec.message()));
    fs::path target = out_dir / *filename;
    auto out = util::AtomicFile::open(target);
    if (!out) return tl::unexpected(out.error());
    if (auto ok = pack(staged_root, *info, *out, source_date_epoch); !ok) {
        return fail(ok.error().kind, fmt::format("{}: wheel not written: {}", target.string(), ok.error().message));
    }
    if (auto ok = out->commit(); !ok) return tl::unexpected(ok.error());
    return target;
}

}  // namespace wb::wheel
