import os

from setuptools import Extension, setup

prefix = os.environ["WB_DEP_LIBCOUNTER_PREFIX"]
setup(
    name="counter-a",
    version="0.1",
    packages=["counter_a"],
    ext_modules=[
        Extension(
            "counter_a._counter",
            ["counter_a/_counter.c"],
            include_dirs=[os.path.join(prefix, "include")],
            library_dirs=[os.path.join(prefix, "lib")],
            libraries=["counter"],  # libcounter.so: a dylink.0 NEEDED entry, not a copy
        )
    ],
)
