# The C implementation of the proxies must be the one in use (wrapt falls back to pure Python).
import wrapt
from wrapt import __wrapt__, _wrappers

assert __wrapt__._using_c_extension is True
assert wrapt.BaseObjectProxy is _wrappers.ObjectProxy, wrapt.BaseObjectProxy
assert wrapt.FunctionWrapper is _wrappers.FunctionWrapper, wrapt.FunctionWrapper
assert issubclass(wrapt.ObjectProxy, _wrappers.ObjectProxy), wrapt.ObjectProxy.__mro__

@wrapt.decorator
def twice(wrapped, instance, args, kwargs):
    return 2 * wrapped(*args, **kwargs)

@twice
def add(a, b):
    "adds"
    return a + b

assert add(2, 3) == 10 and add.__name__ == "add" and add.__doc__ == "adds"
assert isinstance(add, _wrappers.FunctionWrapper)
print("wrapt", wrapt.__version__, "from", _wrappers.__file__)
