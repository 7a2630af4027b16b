"""Makes the test source tarballs deterministically (fixed order, owner and mtime)."""
import gzip
import io
import os
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def make(name):
    root = os.path.join(HERE, name)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for f in sorted(filenames):
                path = os.path.join(dirpath, f)
                info = tar.gettarinfo(path, arcname=os.path.relpath(path, HERE))
                info.mtime, info.uid, info.gid, info.uname, info.gname = 315532800, 0, 0, "", ""
                info.mode = 0o644
                with open(path, "rb") as fh:
                    tar.addfile(info, fh)
    out = os.path.join(HERE, name + ".tar.gz")
    with open(out, "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
            gz.write(buf.getvalue())


if __name__ == "__main__":
    make("libhello-1.0")
