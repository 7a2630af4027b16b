# pytest plugin for running lxml's own test modules as lxml's own runner (test.py) does.
#
# Each of lxml's src/lxml/tests/test_*.py modules defines test_suite(), which builds the module's
# unittest suite: the concrete TestCase classes (not the abstract `_...Base` classes, which pytest's
# unittest support would collect and run with `etree = None`) plus doctests, some of them read
# from the sdist's doc/*.txt. Plain pytest collection misses the doctests, runs the abstract bases
# and calls test_suite() itself as a test. This plugin makes pytest collect exactly the cases of
# test_suite(), one pytest item per case, so that pytest's report (and the recipe's expected
# failures) speak of lxml's real tests:
#   src/lxml/tests/test_etree.py::ETreeOnlyTestCase::test_attribute_set   (a TestCase method)
#   src/lxml/tests/test_etree.py::doctest::api.txt                        (a doctest)
#
# The recipe's build script copies this file to src/lxml/tests/conftest.py; test.suite.data then
# copies that folder (with this file) next to the installed lxml.
import unittest

import pytest


def _cases(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _cases(test)
        else:
            yield test


def _name(case):
    method = getattr(case, "_testMethodName", None)
    if isinstance(case, unittest.FunctionTestCase) or method is None or method == "runTest":
        return "doctest::" + case.id()
    return "%s::%s" % (type(case).__name__, method)


class CaseFailed(Exception):
    """A unittest failure or error; its text is unittest's formatted traceback."""


class LxmlTestSuiteModule(pytest.Module):
    def collect(self):
        module = self.obj
        make_suite = getattr(module, "test_suite", None)
        if make_suite is None:
            yield from super().collect()
            return
        seen = set()
        for case in _cases(make_suite()):
            name = _name(case)
            while name in seen:  # the same doctest file added twice: keep both, apart
                name += "+"
            seen.add(name)
            yield LxmlTestCaseItem.from_parent(self, name=name, case=case)


class LxmlTestCaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        result = unittest.TestResult()
        self.case.run(result)
        problems = result.errors + result.failures
        if problems:
            raise CaseFailed(problems[0][1])
        if result.unexpectedSuccesses:
            raise CaseFailed("unexpected success of a test marked expectedFailure")
        if result.skipped:
            pytest.skip(result.skipped[0][1])
        if result.expectedFailures:
            pytest.xfail("expected failure (unittest.expectedFailure)")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name


def pytest_pycollect_makemodule(module_path, parent):
    if module_path.name.startswith("test_") and module_path.suffix == ".py":
        return LxmlTestSuiteModule.from_parent(parent, path=module_path)
    return None
