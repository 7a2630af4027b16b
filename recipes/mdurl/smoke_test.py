import mdurl

u = mdurl.parse("https://user@ex.org:80/p?q#h")
assert (u.protocol, u.hostname, u.port, u.pathname, u.search, u.hash) == ("https:", "ex.org", "80", "/p", "?q", "#h")
assert mdurl.encode("a b\u00e9") == "a%20b%C3%A9" and mdurl.decode("a%20b") == "a b"
print("mdurl ok")
