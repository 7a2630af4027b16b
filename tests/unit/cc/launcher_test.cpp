#include "cc/launcher.hpp"

#include <gtest/gtest.h>

#include "cc/binutils_plan.hpp"
#include "fakes/wasm_builder.hpp"
#include "test_config.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cc {
namespace {

CallPlan shell_steps(const std::vector<std::string>& scripts) {
    CallPlan plan;
    plan.route = "test";
    for (const auto& script : scripts) plan.steps.push_back({{"/bin/sh", "-c", script}, true});
    return plan;
}

TEST(RunPlan, StepsRunInOrderAndStopAtTheFirstFailure) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-launch-test-");
    std::string trace = (dir / "trace").string();
    EXPECT_EQ(run_plan(shell_steps({"echo one >> " + trace, "echo two >> " + trace})), 0);
    EXPECT_EQ(*util::read_file(trace), "one\ntwo\n");
    EXPECT_EQ(run_plan(shell_steps({"exit 7", "echo never >> " + trace})), 7);
    EXPECT_EQ(*util::read_file(trace), "one\ntwo\n");
    EXPECT_EQ(run_plan(shell_steps({"kill -TERM $$"})), 128 + 15);
    util::remove_tree_quiet(dir);
}

TEST(RunPlan, MissingProgramIsReported) {
    CallPlan plan;
    plan.steps = {{{"/nonexistent/tool"}, true}, {{"/bin/true"}, true}};
    EXPECT_NE(run_plan(plan), 0);
}

TEST(RunPlan, AnInspectedModuleGivesItsFeaturesToLaterSteps) {
    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-launch-test-");
    test::WasmBuilder b;
    b.target_features({{'+', "exception-handling"}});
    auto bytes = b.build();
    std::string module = (dir / "m.so").string();
    ASSERT_TRUE(util::write_file_atomic(module, std::string(bytes.begin(), bytes.end())));
    std::string trace = (dir / "trace").string();
    CallPlan plan;
    Step inspect;
    inspect.inspect_module = module;
    plan.steps = {inspect, {{"/bin/sh", "-c", "echo \"$@\" > " + trace, "sh", k_features_placeholder}, true}};
    plan.fallback = {{{"/bin/sh", "-c", "echo fallback > " + trace}, true}};
    EXPECT_EQ(run_plan(plan), 0);
    EXPECT_EQ(*util::read_file(trace), "--mvp-features --enable-exception-handling\n");

    // EM_ASM (or a module it cannot read): the call goes to the fallback, emcc in real plans.
    test::WasmBuilder js;
    js.function(js.type({}, {}));
    js.export_("__start_em_asm", 0, 0);
    bytes = js.build();
    ASSERT_TRUE(util::write_file_atomic(module, std::string(bytes.begin(), bytes.end())));
    EXPECT_EQ(run_plan(plan), 0);
    EXPECT_EQ(*util::read_file(trace), "fallback\n");
    plan.fallback.clear();
    EXPECT_NE(run_plan(plan), 0);
    util::remove_tree_quiet(dir);
}

TEST(CallLog, RecordsOriginalRewrittenAndNotes) {
    CallPlan plan = shell_steps({"true"});
    plan.notes = {"dropped -I/usr/include (host directory)"};
    std::string record = format_call_log({"cc", "-c", "a b.c"}, plan, "/work");
    EXPECT_NE(record.find("in:  cc -c 'a b.c'"), std::string::npos) << record;
    EXPECT_NE(record.find("out: /bin/sh -c true"), std::string::npos) << record;
    EXPECT_NE(record.find("note: dropped -I/usr/include"), std::string::npos);
    EXPECT_NE(record.find("cwd=/work"), std::string::npos);

    auto dir = *util::make_temp_dir(util::temp_root(util::current_environment()), "wasm-cc-log-test-");
    std::string log = (dir / "log").string();
    append_call_log(log, "first\n");
    append_call_log(log, "second\n");
    EXPECT_EQ(*util::read_file(log), "first\nsecond\n");
    util::remove_tree_quiet(dir);
}

TEST(BinutilsPlan, ToolsGoStraightToLlvm) {
    auto config = testing::sample_config();
    auto ar = plan_binutils_call(Tool::Ar, {"rcs", "libx.a", "a.o"}, config);
    ASSERT_TRUE(ar);
    EXPECT_EQ(ar->steps[0].argv, (std::vector<std::string>{"/opt/llvm/llvm-ar", "rcs", "libx.a", "a.o"}));
    auto ld = plan_binutils_call(
        Tool::Ld, {"-r", "-o", "c.o", "a.o", "-L/usr/lib", "-L", "/lib64", "-z", "relro", "--as-needed", "b.o"},
        config);
    ASSERT_TRUE(ld);
    EXPECT_EQ(ld->steps[0].argv, (std::vector<std::string>{"/opt/llvm/wasm-ld", "-r", "-o", "c.o", "a.o", "b.o"}));
    auto strip = plan_binutils_call(Tool::Strip, {"x.so"}, config);
    ASSERT_FALSE(strip);
    EXPECT_NE(strip.error().message.find("tool.strip"), std::string::npos);
}

}  // namespace
}  // namespace wb::cc
