# lxml's own tests in stock Pyodide, the way lxml's test.py runs them: every test module's
# test_suite() with unittest (pytest would also collect lxml's abstract base test classes and fail
# them). lxml's wheel holds no tests: they, samples/ and doc/ come from the source tree
# (test.suite.files, in the working directory). Prints "FAILED <id> - <reason>" per failure and
# pytest's closing summary line, which the farm reads.
import importlib, io, os, shutil, site, sys, time, unittest

work = os.getcwd()
lxml_dir = os.path.join(site.getsitepackages()[0], "lxml")
# The test packages go next to the installed lxml, as they sit in the source tree.
for sub in ("tests", os.path.join("html", "tests")):
    if not os.path.exists(os.path.join(lxml_dir, sub)):
        shutil.copytree(os.path.join(work, "src", "lxml", sub), os.path.join(lxml_dir, sub))
# Doctests read <lxml>/../../doc/*.txt: put the source tree's doc/ there.
doc = os.path.normpath(os.path.join(lxml_dir, "..", "..", "doc"))
if not os.path.exists(doc):
    shutil.copytree(os.path.join(work, "doc"), doc)

suite = unittest.TestSuite()
modules = []
for package, sub in (("lxml.tests", "tests"), ("lxml.html.tests", os.path.join("html", "tests"))):
    for name in sorted(os.listdir(os.path.join(lxml_dir, sub))):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        module = importlib.import_module(f"{package}.{name[:-3]}")
        if hasattr(module, "test_suite"):
            suite.addTest(module.test_suite())
            modules.append(module.__name__)

started = time.time()
result = unittest.TextTestRunner(verbosity=0, stream=io.StringIO()).run(suite)
for test, trace in result.failures + result.errors:
    last = [line for line in trace.strip().splitlines() if line.strip()][-1]
    print(f"FAILED {test.id()} - {last[:160]}")
passed = result.testsRun - len(result.failures) - len(result.errors) - len(result.skipped)
print(f"{len(modules)} test modules")
print(f"===== {passed} passed, {len(result.failures)} failed, {len(result.errors)} errors, "
      f"{len(result.skipped)} skipped in {time.time() - started:.1f}s =====")
sys.exit(0 if result.wasSuccessful() else 1)
