from setuptools import setup

setup(name="purehello", version="0.1", packages=["purehello"])
