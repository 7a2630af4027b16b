import os

from setuptools import Extension, setup

prefix = os.environ["WB_DEP_LIBCOUNTER_PREFIX"]
setup(
    name="counter-b",
    version="0.1",
    packages=["counter_b"],
    ext_modules=[
        Extension(
            "counter_b._counter",
            ["counter_b/_counter.c"],
            include_dirs=[os.path.join(prefix, "include")],
            library_dirs=[os.path.join(prefix, "lib")],
            libraries=["counter"],  # libcounter.so: a dylink.0 NEEDED entry, not a copy
        )
    ],
)
