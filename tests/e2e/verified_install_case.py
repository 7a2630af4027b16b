"""One install through verified_install inside stock Pyodide (run by wb_pyodide.js), then what is
installed. argv: INDEX_URL ROOT_FILE STATE_DIR PACKAGE... Prints "installed: ..." and the result of
a computation, or "refused: MESSAGE" and "nothing installed: ..." after checking that no package (and
no distribution of one) is importable. Exit 0 either way unless the installed state is wrong."""

import importlib.metadata
import importlib.util
import sys

import verified_install as vi


async def main():
    index_url, root_file, state, *packages = sys.argv[1:]
    with open(root_file, "rb") as f:
        root = f.read()
    try:
        result = await vi.install(packages, index_url, root=root, state=state)
    except vi.VerificationError as e:
        print("refused:", str(e).replace("\n", " / "))
        present = [p for p in packages if importlib.util.find_spec(p) is not None]
        for p in packages:
            try:
                importlib.metadata.distribution(p)
                present.append(p + " (distribution)")
            except importlib.metadata.PackageNotFoundError:
                pass
        if present:
            print("installed after a refusal:", present)
            sys.exit(1)
        print("nothing installed:", ", ".join(packages))
        return
    print("installed:", ", ".join(result["wheels"]), "with", await vi.ed25519_backend(), "versions", result["versions"])
    import numpy as np

    a = np.arange(6.0).reshape(2, 3)
    print("computed:", (a @ a.T).tolist())
