from setuptools import setup

setup(name="pureworld", version="2.0", packages=["pureworld"], install_requires=["purehello"])
