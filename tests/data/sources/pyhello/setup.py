import os

from setuptools import Extension, setup

prefix = os.environ["WB_DEP_LIBHELLO_PREFIX"]
setup(
    name="pyhello",
    version="0.1",
    packages=["pyhello"],
    ext_modules=[
        Extension(
            "pyhello._hello",
            ["pyhello/_hello.c"],
            # No host directory such as /usr/include: setuptools compiles with the cross
            # environment's CC (emcc), which, unlike wasm-cc, does not drop host paths.
            # /usr/include is the build machine's (here: the toolchain root's glibc headers): the compiler
            # front end must drop it, or the wasm32 compile breaks.
            include_dirs=[os.path.join(prefix, "include"), "/usr/include"],
            library_dirs=[os.path.join(prefix, "lib")],
            libraries=["hello"],
        )
    ],
)
