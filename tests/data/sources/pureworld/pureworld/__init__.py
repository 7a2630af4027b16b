"""A pure-Python test package that needs purehello at run time."""
from purehello import greet


def world():
    return greet("world")
