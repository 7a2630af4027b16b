#include <gtest/gtest.h>

#include "engine/shared_library_step.hpp"
#include "fakes/temp_dir.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::engine {
namespace {
namespace fs = std::filesystem;

const std::string k_side_module = std::string("\0asm\1\0\0\0", 8) + "side module bytes";

class SharedLibraryStepTest : public wb::test::TempDirTest {
protected:
    SharedLibraryStepTest() {
        m_recipe.name = "libgeos";
        m_recipe.version = "3.12.1";
        m_recipe.type = recipe::BuildType::SharedLibrary;
        m_recipe.file = "recipes/libgeos/meta.yaml";
    }
    fs::path prefix() const { return dir() / "prefix"; }
    util::Expected<Product> make() { return make_shared_library_zip(m_recipe, prefix(), dir() / "dist", dir(), 0); }
    recipe::Recipe m_recipe;
};

TEST_F(SharedLibraryStepTest, PacksTheSideModulesUnderLibFlatAndNothingElse) {
    write(prefix() / "lib/libgeos.so.3.12.1", k_side_module);
    fs::create_symlink("libgeos.so.3.12.1", prefix() / "lib/libgeos.so");
    write(prefix() / "lib/libgeos_c.so", k_side_module + "c");
    write(prefix() / "lib/libgeos.a", "static archive");
    write(prefix() / "lib/pkgconfig/geos.pc", "Name: geos\n");
    write(prefix() / "include/geos.h", "int geos(void);\n");
    auto zip = make();
    ASSERT_TRUE(zip) << zip.error().message;
    EXPECT_EQ(zip->path, "dist/libgeos-3.12.1.zip");
    auto entries = wheel::list_entries(dir() / zip->path);
    ASSERT_TRUE(entries) << entries.error().message;
    std::vector<std::string> names;
    for (const auto& e : *entries) names.push_back(e.name);
    // The symlink is packed as the file it names: a module linked against libgeos.so needs that name.
    EXPECT_EQ(names, (std::vector<std::string>{"libgeos.so", "libgeos.so.3.12.1", "libgeos_c.so"}));
    auto bytes = wheel::read_member(dir() / zip->path, "libgeos.so");
    ASSERT_TRUE(bytes);
    EXPECT_EQ(*bytes, k_side_module);
}

TEST_F(SharedLibraryStepTest, IsDeterministic) {
    write(prefix() / "lib/libgeos.so", k_side_module);
    auto first = make();
    ASSERT_TRUE(first) << first.error().message;
    auto second = make();
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(first->sha256, second->sha256);
    EXPECT_EQ(first->size, fs::file_size(dir() / first->path));
}

TEST_F(SharedLibraryStepTest, ABuildThatInstalledNoSharedLibraryIsRefusedNamingTheRecipe) {
    write(prefix() / "lib/libgeos.a", "static archive");
    auto zip = make();
    ASSERT_FALSE(zip);
    EXPECT_NE(zip.error().message.find("recipes/libgeos/meta.yaml"), std::string::npos) << zip.error().message;
    EXPECT_NE(zip.error().message.find("installed none"), std::string::npos) << zip.error().message;
    EXPECT_FALSE(fs::exists(dir() / "dist/libgeos-3.12.1.zip"));
}

TEST_F(SharedLibraryStepTest, AHostLibraryIsRefused) {
    write(prefix() / "lib/libgeos.so", "\x7f" "ELF host library");
    auto zip = make();
    ASSERT_FALSE(zip);
    EXPECT_NE(zip.error().message.find("not a WebAssembly side module"), std::string::npos) << zip.error().message;
    EXPECT_FALSE(fs::exists(dir() / "dist/libgeos-3.12.1.zip"));
}

}  // namespace
}  // namespace wb::engine
