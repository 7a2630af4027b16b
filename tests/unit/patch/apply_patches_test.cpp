// apply_patches() with the real GNU patch on temporary trees, plus the command shape via a fake.
#include "patch/apply_patches.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "fakes/fake_process_runner.hpp"
#include "fakes/temp_dir.hpp"
#include "util/strings.hpp"

namespace wb::patch {
namespace {
namespace fs = std::filesystem;
using util::ErrorKind;

std::string numbered_lines(int count, const std::string& word = "line") {
    std::string text;
    for (int i = 1; i <= count; ++i) text += word + " " + std::to_string(i) + "\n";
    return text;
}

class ApplyPatchesTest : public test::TempDirTest {
protected:
    fs::path tree() const { return dir() / "tree"; }
    fs::path log() const { return dir() / "logs" / "patch.log"; }

    /// Writes a unified diff (a/ and b/ prefixes, as git and diff -ruN make) turning each file's
    /// old content into its new one, named like a recipe patch.
    fs::path make_patch(const std::string& name, const std::vector<std::tuple<std::string, std::string, std::string>>& edits) {
        fs::path work = dir() / ("mk-" + name);
        for (const auto& [file, before, after] : edits) {
            write(work / "a" / file, before);
            write(work / "b" / file, after);
        }
        fs::path out = dir() / "patches" / name;
        fs::create_directories(out.parent_path());
        std::string command = "cd " + util::shell_quote(work.string()) + " && diff -ruN a b > " + util::shell_quote(out.string());
        int status = std::system(command.c_str());
        EXPECT_EQ(WEXITSTATUS(status), 1) << "diff found no difference for " << name;
        return out;
    }
    /// Every file below the tree with its content, for before/after comparisons.
    std::map<std::string, std::string> snapshot() const {
        std::map<std::string, std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(tree())) {
            if (entry.is_regular_file()) files[entry.path().lexically_relative(tree()).string()] = read(entry.path());
        }
        return files;
    }

    util::RealProcessRunner runner;
};

TEST_F(ApplyPatchesTest, GoodPatchApplies) {
    std::string before = numbered_lines(20);
    std::string after = util::replace_all(before, "line 5\n", "line five\n");
    write(tree() / "src" / "a.txt", before);
    fs::path patch = make_patch("0001-five.patch", {{"src/a.txt", before, after}});

    auto applied = apply_patches(tree(), {patch}, log(), runner);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(read(tree() / "src" / "a.txt"), after);
    EXPECT_EQ(snapshot().size(), 1u) << "no .orig or .rej files";
    std::string text = read(log());
    EXPECT_NE(text.find("--dry-run"), std::string::npos);
    EXPECT_NE(text.find("checking file src/a.txt"), std::string::npos);
    EXPECT_NE(text.find("patching file src/a.txt"), std::string::npos);
}

TEST_F(ApplyPatchesTest, FailedHunkNamesPatchHunkFileAndLineAndChangesNothing) {
    std::string before = numbered_lines(60);
    std::string after = util::replace_all(util::replace_all(before, "line 3\n", "line three\n"), "line 50\n", "line fifty\n");
    fs::path patch = make_patch("0003-two-hunks.patch", {{"pkg/setup.py", before, after},
                                                         {"pkg/other.py", "one\n", "two\n"}});
    // The tree differs near line 50, so hunk #2 of setup.py cannot apply; other.py would.
    std::string drifted = util::replace_all(before, "line 49\n", "line forty-nine\n");
    write(tree() / "pkg" / "setup.py", drifted);
    write(tree() / "pkg" / "other.py", "one\n");
    auto untouched = snapshot();

    auto applied = apply_patches(tree(), {patch}, log(), runner);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().kind, ErrorKind::Build);
    const std::string& message = applied.error().message;
    EXPECT_NE(message.find(patch.string()), std::string::npos) << message;
    EXPECT_NE(message.find("hunk #2 of pkg/setup.py FAILED at 47"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunk #1"), std::string::npos) << message;
    EXPECT_EQ(snapshot(), untouched);
}

TEST_F(ApplyPatchesTest, OrderMatters) {
    std::string v1 = "value = 1\n", v2 = "value = 2\n", v3 = "value = 3\n";
    fs::path first = make_patch("0001-one-to-two.patch", {{"conf.py", v1, v2}});
    fs::path second = make_patch("0002-two-to-three.patch", {{"conf.py", v2, v3}});

    write(tree() / "conf.py", v1);
    auto in_order = apply_patches(tree(), {first, second}, log(), runner);
    ASSERT_TRUE(in_order) << in_order.error().message;
    EXPECT_EQ(read(tree() / "conf.py"), v3);

    write(tree() / "conf.py", v1);
    auto reversed = apply_patches(tree(), {second, first}, log(), runner);
    ASSERT_FALSE(reversed);
    EXPECT_NE(reversed.error().message.find("0002-two-to-three.patch: hunk #1 of conf.py FAILED"), std::string::npos)
        << reversed.error().message;
    EXPECT_EQ(read(tree() / "conf.py"), v1);
}

TEST_F(ApplyPatchesTest, LaterFailureKeepsEarlierPatchesApplied) {
    fs::path good = make_patch("0001-good.patch", {{"a.txt", "a\n", "A\n"}});
    fs::path bad = make_patch("0002-bad.patch", {{"b.txt", "not what is there\n", "B\n"}});
    write(tree() / "a.txt", "a\n");
    write(tree() / "b.txt", "b\n");
    auto applied = apply_patches(tree(), {good, bad}, log(), runner);
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("0002-bad.patch"), std::string::npos);
    EXPECT_EQ(read(tree() / "a.txt"), "A\n");
    EXPECT_EQ(read(tree() / "b.txt"), "b\n");
}

TEST_F(ApplyPatchesTest, AlreadyAppliedPatchIsReported) {
    fs::path patch = make_patch("0001-x.patch", {{"x.c", "int x = 0;\n", "int x = 1;\n"}});
    write(tree() / "x.c", "int x = 1;\n");
    auto applied = apply_patches(tree(), {patch}, log(), runner);
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("x.c is already patched"), std::string::npos) << applied.error().message;
    EXPECT_EQ(read(tree() / "x.c"), "int x = 1;\n");
}

TEST_F(ApplyPatchesTest, MissingFileToPatchIsNamed) {
    fs::path patch = make_patch("0001-gone.patch", {{"lib/gone.c", "old\n", "new\n"}});
    fs::create_directories(tree());
    auto applied = apply_patches(tree(), {patch}, log(), runner);
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("cannot find the file to patch 'lib/gone.c'"), std::string::npos)
        << applied.error().message;
}

TEST_F(ApplyPatchesTest, MissingPatchFileIsAnInputError) {
    fs::create_directories(tree());
    auto applied = apply_patches(tree(), {dir() / "patches" / "nope.patch"}, log(), runner);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().kind, ErrorKind::Input);
    EXPECT_NE(applied.error().message.find("nope.patch"), std::string::npos);
}

TEST_F(ApplyPatchesTest, EachPatchIsDryRunFirstInTheSourceTree) {
    write(dir() / "p1.patch", "x");
    write(dir() / "p2.patch", "y");
    fs::create_directories(tree());
    fakes::FakeProcessRunner fake;
    ASSERT_TRUE(apply_patches(tree(), {dir() / "p1.patch", dir() / "p2.patch"}, log(), fake));
    ASSERT_EQ(fake.commands().size(), 4u);
    EXPECT_EQ(fake.commands()[0].argv, patch_command(dir() / "p1.patch", true));
    EXPECT_EQ(fake.commands()[1].argv, patch_command(dir() / "p1.patch", false));
    EXPECT_EQ(fake.commands()[2].argv, patch_command(dir() / "p2.patch", true));
    EXPECT_EQ(fake.commands()[0].cwd, tree());
    EXPECT_EQ(fake.commands()[0].env->at("LC_ALL"), "C");

    fakes::FakeProcessRunner failing([](const util::Command&) {
        return util::Expected<util::ProcessResult>(fakes::process_result(1, "checking file a.c\nHunk #1 FAILED at 3.\n"));
    });
    auto applied = apply_patches(tree(), {dir() / "p1.patch"}, log(), failing);
    ASSERT_FALSE(applied);
    EXPECT_EQ(failing.commands().size(), 1u) << "no real run after a failed dry run";
}

TEST(DescribePatchFailure, SummarisesPatchOutput) {
    EXPECT_EQ(describe_patch_failure("checking file numpy/core/setup.py\nHunk #2 FAILED at 812.\n"
                                     "Hunk #3 FAILED at 901 (different line endings).\n2 out of 3 hunks FAILED\n"),
              "hunk #2 of numpy/core/setup.py FAILED at 812; hunk #3 of numpy/core/setup.py FAILED at 901 "
              "(different line endings)");
    EXPECT_EQ(describe_patch_failure("patch: **** malformed patch at line 7: @@ -1 +1 @@ junk\n"),
              "malformed patch at line 7: @@ -1 +1 @@ junk");
    EXPECT_EQ(describe_patch_failure("something odd\nhappened\n"), "something odd / happened");
}

}  // namespace
}  // namespace wb::patch
