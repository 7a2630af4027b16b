"""A pure-Python test package."""


def greet(name):
    return "hello " + name
