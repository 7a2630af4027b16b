# No network in the test runtime: prepare requests and read a response built by hand.
import requests

req = requests.Request("POST", "https://example.org/api", params={"q": "\u00e9"}, json={"a": 1},
                       headers={"X-Test": "1"}).prepare()
assert req.url == "https://example.org/api?q=%C3%A9", req.url
assert req.body == b'{"a": 1}' and req.headers["Content-Type"] == "application/json"
resp = requests.Response()
resp.status_code, resp._content, resp.encoding = 404, b'{"error": "x"}', "utf-8"
assert resp.json() == {"error": "x"} and not resp.ok
try:
    resp.raise_for_status()
except requests.HTTPError:
    pass
else:
    raise AssertionError("404 not raised")
print("requests", requests.__version__, "ok")
