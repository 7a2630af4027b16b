# One source for the test packages counter-a and counter-b (the recipe names which: WB_PACKAGE_NAME),
# each a C extension linked against the libcounter shared library.
import os

from setuptools import Extension, setup

name = os.environ["WB_PACKAGE_NAME"]
module = name.replace("-", "_")
prefix = os.environ["WB_DEP_LIBCOUNTER_PREFIX"]
setup(
    name=name,
    version="0.1",
    packages=[module],
    package_dir={module: "pkg"},
    ext_modules=[
        Extension(
            f"{module}._counter",
            ["pkg/_counter.c"],
            include_dirs=[os.path.join(prefix, "include")],
            library_dirs=[os.path.join(prefix, "lib")],
            libraries=["counter"],  # libcounter.so: a dylink.0 NEEDED entry, not a copy
        )
    ],
)
