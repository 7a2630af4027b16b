from ._counter import next_value

__all__ = ["next_value"]
