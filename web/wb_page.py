"""The page's helpers inside the wasm interpreter (written into its file system by worker.js):
which modules a piece of code imports, installing a checked wheel, and running the editor's code
in __main__ with a traceback that starts at the user's code."""

import ast
import importlib
import json
import linecache
import sys
import traceback
import zipfile

import __main__


def find_imports(code_path, out_path):
    """Writes the top-level names of the modules the code imports (absolute imports only)."""
    names = set()
    try:
        tree = ast.parse(open(code_path, encoding="utf-8").read())
    except SyntaxError:
        tree = None  # run() reports it
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(sorted(names), f)


def install(wheel_path, site):
    """Unpacks a wheel whose sha256 was already checked; zipfile keeps members inside `site`."""
    with zipfile.ZipFile(wheel_path) as wheel:
        wheel.extractall(site)
    if site not in sys.path:
        sys.path.append(site)
    importlib.invalidate_caches()


def run(code_path, status_path):
    status = 0
    try:
        source = open(code_path, encoding="utf-8").read()
        # Tracebacks then quote the editor's lines.
        linecache.cache["<editor>"] = (len(source), None, source.splitlines(True), "<editor>")
        exec(compile(source, "<editor>", "exec"), __main__.__dict__)
    except SystemExit as e:
        status = 0 if e.code in (None, 0) else 1
        if status:
            print(f"SystemExit: {e.code}", file=sys.stderr)
    except BaseException as e:  # noqa: B902 - everything the user's code raises is reported
        status = 1
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        with open(status_path, "w") as f:
            f.write(str(status))
