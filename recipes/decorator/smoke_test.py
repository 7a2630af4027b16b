import inspect
from decorator import decorator

@decorator
def traced(func, *args, **kw):
    calls.append(func.__name__)
    return func(*args, **kw)

calls = []

@traced
def area(w, h=2):
    return w * h

assert area(3) == 6 and calls == ["area"]
assert str(inspect.signature(area)) == "(w, h=2)"  # the signature is preserved
print("decorator ok")
