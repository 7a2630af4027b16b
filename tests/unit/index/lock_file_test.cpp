#include <gtest/gtest.h>

#include "index/publish/lock_file.hpp"

namespace wb::index {
namespace {

LockFile sample() {
    LockFile lock;
    LockPackage p;
    p.name = "NumPy";
    p.version = "1.19.5";
    p.file_name = "numpy-1.19.5-cp311-cp311-emscripten_3_1_6_wasm32.whl";
    p.sha256 = std::string(64, 'c');
    p.imports = {"numpy"};
    p.unvendored_tests = true;
    lock.packages["numpy"] = p;
    LockPackage q = p;
    q.name = "pillow";
    q.file_name = "pillow-9.4.0-cp311-cp311-emscripten_3_1_6_wasm32.whl";
    q.imports = {"PIL"};
    q.depends = {"numpy"};
    lock.packages["pillow"] = q;
    return lock;
}

TEST(LockFile, RoundTripsThroughText) {
    LockFile lock = sample();
    auto parsed = LockFile::parse(lock.str(), "pyodide-lock.json");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->info, lock.info);
    EXPECT_EQ(parsed->packages, lock.packages);
}

TEST(LockFile, InfoHasTheDefaultsAndEveryPyodideField) {
    auto j = sample().to_json();
    EXPECT_EQ(j["info"]["arch"], "wasm32");
    EXPECT_EQ(j["info"]["platform"], "emscripten_5_0_3");  // stock Pyodide 314's own lock file
    EXPECT_EQ(j["info"]["python"], "3.14.2");
    EXPECT_EQ(j["info"]["abi_version"], "2026_0");
    EXPECT_FALSE(j["info"].contains("version"));  // 314's has none; written only when set
    for (const char* key : {"name", "version", "file_name", "install_dir", "sha256", "package_type", "imports",
                            "depends", "unvendored_tests", "shared_library"}) {
        EXPECT_TRUE(j["packages"]["pillow"].contains(key)) << key;
    }
}

TEST(LockFile, UnknownKeysAreRefused) {
    auto j = sample().to_json();
    j["packages"]["numpy"]["surprise"] = 1;
    auto r = LockFile::parse(j.dump(), "lock.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("lock.json: packages.numpy: unknown key \"surprise\""), std::string::npos)
        << r.error().message;
}

TEST(LockFile, WrongTypesAndMissingFieldsAreRefused) {
    auto j = sample().to_json();
    j["packages"]["numpy"]["imports"] = "numpy";
    EXPECT_FALSE(LockFile::parse(j.dump(), "lock.json").has_value());
    j = sample().to_json();
    j["packages"]["numpy"].erase("file_name");
    auto r = LockFile::parse(j.dump(), "lock.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("missing \"file_name\""), std::string::npos);
    j = sample().to_json();
    j["info"]["arch"] = "x86_64";
    EXPECT_FALSE(LockFile::parse(j.dump(), "lock.json").has_value());
}

TEST(LockFile, UnknownPackageTypeAndBadHashAreRefused) {
    auto j = sample().to_json();
    j["packages"]["numpy"]["package_type"] = "plugin";
    EXPECT_FALSE(LockFile::parse(j.dump(), "lock.json").has_value());
    j = sample().to_json();
    j["packages"]["numpy"]["sha256"] = "XYZ";
    EXPECT_FALSE(LockFile::parse(j.dump(), "lock.json").has_value());
}

}  // namespace
}  // namespace wb::index
