"""Where the code runs: CPython, or Pyodide under Node or in a browser (a page or a worker)."""

import sys


def in_pyodide():
    return sys.platform == "emscripten"


def in_node():
    """True in Pyodide under Node."""
    if not in_pyodide():
        return False
    import js

    process = getattr(js, "process", None)
    return process is not None and getattr(getattr(process, "versions", None), "node", None) is not None


def in_browser():
    return in_pyodide() and not in_node()


def node_module(name):
    """A Node built-in module (fs, path...) from Pyodide under Node."""
    import js

    return js.process.getBuiltinModule(name)
