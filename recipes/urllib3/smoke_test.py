# No network in the test runtime: URL parsing, headers, retries and encoding only.
import urllib3
from urllib3.util import Retry, Url, parse_url

u = parse_url("https://user@example.org:8443/p/a?q=1#f")
assert (u.scheme, u.host, u.port, u.path, u.query) == ("https", "example.org", 8443, "/p/a", "q=1")
assert str(Url(scheme="http", host="h", path="/x")) == "http://h/x"
h = urllib3.HTTPHeaderDict({"Content-Type": "text/plain"})
h.add("set-cookie", "a=1"); h.add("Set-Cookie", "b=2")
assert h["content-type"] == "text/plain" and h.getlist("set-cookie") == ["a=1", "b=2"]
assert Retry(total=3).increment().total == 2
body, ctype = urllib3.encode_multipart_formdata({"f": "v"}, boundary="B")
assert ctype == "multipart/form-data; boundary=B" and b'name="f"' in body
print("urllib3", urllib3.__version__, "ok")
