"""A C-extension test package built against the libhello static library."""
from pyhello._hello import add, version

__all__ = ["add", "version"]
