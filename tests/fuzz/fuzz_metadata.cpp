// libFuzzer target: signed metadata as a client reads it before any signature is checked: the
// strict JSON parser, the envelope, canonical JSON, and the four roles' parsers.
#include <cstdint>
#include <string_view>

#include "index/validation/canonical_json.hpp"
#include "index/validation/roles.hpp"
#include "index/validation/signer.hpp"
#include "index/validation/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace wb::index;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto doc = parse_strict_json(text, "fuzz")) (void)canonical_json(*doc);
    auto envelope = SignedEnvelope::parse(text, "fuzz.json");
    if (!envelope) return 0;
    const auto& s = envelope->signed_part;
    if (auto root = RootMeta::parse(s, "fuzz")) (void)canonical_json(root->to_json());
    if (auto targets = TargetsMeta::parse(s, "fuzz")) (void)canonical_json(targets->to_json());
    if (auto snapshot = SnapshotMeta::parse(s, "fuzz")) (void)canonical_json(snapshot->to_json());
    if (auto timestamp = TimestampMeta::parse(s, "fuzz")) (void)canonical_json(timestamp->to_json());
    return 0;
}
