#include "index/publish/previous_catalog.hpp"

#include <fmt/format.h>

#include "index/publish/sqlite_db.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;

Catalog load_previous_catalog(const fs::path& generation, const PublishedMetadata& previous, const KeySet& keys,
                              const fs::path& temp_root, std::vector<std::string>& warnings) {
    const fs::path file = generation / "repodata.sqlite";
    std::error_code ec;
    if (!fs::exists(file, ec)) return {};
    auto distrust = [&](std::string_view why) {
        warnings.push_back(fmt::format("{}: {}; every wheel is inspected again", file.string(), why));
        return Catalog{};
    };
    if (!previous.targets_signed_by(keys)) return distrust("metadata/targets.json beside it is not signed by the "
                                                            "targets keys in hand");
    auto listed = previous.targets->targets.find("repodata.sqlite");
    if (listed == previous.targets->targets.end()) return distrust("not listed in the signed targets.json");
    // Hash and open one private copy, so the bytes checked are the bytes read.
    auto bytes = util::read_file(file);
    if (!bytes || bytes->size() != listed->second.length || util::sha256_hex(*bytes) != listed->second.sha256) {
        return distrust("its bytes are not the ones the signed targets.json lists");
    }
    auto temp = util::make_temp_dir(temp_root, "wb-previous-db-");
    if (!temp) return distrust(temp.error().message);
    Catalog catalog;
    if (util::write_file_atomic(*temp / "repodata.sqlite", *bytes)) {
        catalog = read_repodata_db(*temp / "repodata.sqlite").value_or(Catalog{});
    }
    util::remove_tree_quiet(*temp);
    return catalog;
}

}  // namespace wb::index
