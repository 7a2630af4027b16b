#pragma once
// What a publish may take over from the generation it replaces. That tree sits on disk between
// publishes where others may write, so nothing of it is believed for what it says: the previous
// targets.json counts only with a valid signature by the targets keys in hand, and the previous
// repodata.sqlite (the records of unchanged wheels) only when its bytes are the ones that signed
// targets.json lists. Anything else is derived again from the wheels.
#include <filesystem>
#include <string>
#include <vector>

#include "index/publish/catalog.hpp"
#include "index/publish/repo_signer.hpp"
#include "index/validation/key_store.hpp"

namespace wb::index {

/// The records of the previous generation's database, or an empty catalog (with a warning added
/// when a database was there but did not match what was signed). It is read from a private copy
/// made under temp_root.
Catalog load_previous_catalog(const std::filesystem::path& generation, const PublishedMetadata& previous,
                              const KeySet& keys, const std::filesystem::path& temp_root,
                              std::vector<std::string>& warnings);

}  // namespace wb::index
