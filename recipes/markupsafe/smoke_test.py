# The C speedups must be the implementation in use (without them the package falls back to Python).
import markupsafe
from markupsafe import Markup, _speedups, escape

assert markupsafe._escape_inner is _speedups._escape_inner, markupsafe._escape_inner
s = escape("<a href='x'>&</a>")
assert str(s) == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;", s
assert Markup("<b>%s</b>") % "<i>" == "<b>&lt;i&gt;</b>"
print("markupsafe speedups from", _speedups.__file__)
