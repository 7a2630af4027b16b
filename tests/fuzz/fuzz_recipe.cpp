// libFuzzer target: recipe files (meta.yaml) and platform files. Every input parses or gives an
// Input error naming the file; a recipe that parses has a canonical form, the same on a second parse.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "platform/platform.hpp"
#include "recipe/recipe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto recipe = wb::recipe::Recipe::parse(text, "recipes/fuzz/meta.yaml");
    if (!recipe && (recipe.error().kind != wb::util::ErrorKind::Input ||
                    recipe.error().message.find("recipes/fuzz/meta.yaml") == std::string::npos)) {
        std::abort();
    }
    if (recipe) {
        auto again = wb::recipe::Recipe::parse(text, "recipes/fuzz/meta.yaml");
        if (!again || again->canonical() != recipe->canonical()) std::abort();
    }
    auto platform = wb::platform::Platform::parse(text, "platforms/fuzz.yaml");
    if (!platform && platform.error().message.find("platforms/fuzz.yaml") == std::string::npos) std::abort();
    return 0;
}
