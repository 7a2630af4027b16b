from wcwidth import wcswidth, wcwidth

assert wcwidth("a") == 1 and wcwidth("\u4e2d") == 2 and wcwidth("\u0301") == 0
assert wcswidth("h\u00e9llo \u4e16\u754c") == 10
print("wcwidth ok")
