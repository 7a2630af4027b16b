# Smoke test for lxml in the wasm runtime: parsing, serialization round trips, XPath, XSLT, HTML,
# objectify, validation and error reporting, with asserted results; one line per area, "smoke: ok"
# at the end. Any failure exits non-zero.
import io
import sys
import traceback

from lxml import etree

DOC = b"""<?xml version="1.0" encoding="UTF-8"?>
<library xmlns:x="urn:extra">
  <book id="b1" year="1999"><title>Zwei \xc3\xa4pfel</title><price>12.50</price></book>
  <book id="b2" year="2011"><title>Second</title><price>7</price><x:note>n</x:note></book>
  <!-- a comment -->
  <?pi target?>
</library>
"""


def check_parse_roundtrip():
    root = etree.fromstring(DOC)
    assert root.tag == "library" and len(root.findall("book")) == 2
    assert root[0].get("id") == "b1" and root[0].findtext("title") == "Zwei \u00e4pfel"
    out = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    again = etree.fromstring(out)
    assert etree.tostring(again) == etree.tostring(root)
    # canonical form is stable and byte-exact
    c14n = etree.tostring(etree.ElementTree(root), method="c14n")
    assert c14n == etree.tostring(etree.ElementTree(etree.fromstring(c14n)), method="c14n")
    assert b"<!-- a comment -->" in c14n
    # build a tree, pretty-print, encodings
    new = etree.Element("a", attrib={"k": "v"})
    etree.SubElement(new, "b").text = "\u20ac"
    assert etree.tostring(new, encoding="unicode") == '<a k="v"><b>\u20ac</b></a>'
    assert etree.tostring(new, encoding="iso-8859-15") .endswith(b"<b>\xa4</b></a>")
    assert etree.tostring(new, pretty_print=True) == b'<a k="v">\n  <b>&#8364;</b>\n</a>\n'
    # parse from a file object and iterparse
    tree = etree.parse(io.BytesIO(DOC))
    assert tree.docinfo.encoding == "UTF-8" and tree.docinfo.xml_version == "1.0"
    events = [(ev, el.tag) for ev, el in etree.iterparse(io.BytesIO(DOC), events=("start", "end"), tag="book")]
    assert events == [("start", "book"), ("end", "book"), ("start", "book"), ("end", "book")]
    return "parse: fromstring/parse/iterparse, tostring round trip, c14n, encodings, pretty print"


def check_xpath():
    root = etree.fromstring(DOC)
    assert root.xpath("count(//book)") == 2.0
    assert root.xpath("//book[@year > 2000]/title/text()") == ["Second"]
    assert root.xpath("sum(//price)") == 19.5
    assert root.xpath("//x:note/text()", namespaces={"x": "urn:extra"}) == ["n"]
    find = etree.XPath("//book[price < $limit]/@id")
    assert find(root, limit=10) == ["b2"]
    assert root.xpath("string(//book[1]/title)") == "Zwei \u00e4pfel"
    # an extension function written in Python
    ns = etree.FunctionNamespace("urn:py")
    ns["twice"] = lambda ctx, s: s * 2
    assert root.xpath("p:twice(string(//book[2]/@id))", namespaces={"p": "urn:py"}) == "b2b2"
    assert [e.get("id") for e in root.iterfind("book")] == ["b1", "b2"]
    # regular expressions (EXSLT) through libexslt
    assert root.xpath("//book[re:test(title, '^Z')]/@id",
                      namespaces={"re": "http://exslt.org/regular-expressions"}) == ["b1"]
    return "xpath: counts, predicates, variables, namespaces, Python and EXSLT extension functions"


XSL = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
  <xsl:param name="min" select="0"/>
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:template match="/library">
    <html><body><ul>
      <xsl:for-each select="book[@year &gt;= $min]">
        <xsl:sort select="title"/>
        <li id="{@id}"><xsl:value-of select="str:padding(2, '*')"/><xsl:value-of select="title"/></li>
      </xsl:for-each>
    </ul></body></html>
  </xsl:template>
</xsl:stylesheet>"""


def check_xslt():
    transform = etree.XSLT(etree.fromstring(XSL))
    result = transform(etree.fromstring(DOC))
    lis = result.getroot().findall(".//li")
    assert [li.text for li in lis] == ["**Second", "**Zwei \u00e4pfel"], [li.text for li in lis]
    html_out = str(result)
    assert "<li id=\"b2\">**Second</li>" in html_out, html_out
    only_new = transform(etree.fromstring(DOC), min="2000")
    assert len(only_new.getroot().findall(".//li")) == 1
    # a transform that raises a message aborts with an error and a log entry
    bad = etree.XSLT(etree.XML(b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:template match="/"><xsl:message terminate="yes">stop here</xsl:message></xsl:template>
    </xsl:stylesheet>"""))
    try:
        bad(etree.fromstring(DOC))
    except etree.XSLTApplyError:
        assert "stop here" in str(bad.error_log)
    else:
        raise AssertionError("terminating xsl:message did not raise")
    return "xslt: sort, params, EXSLT strings, HTML output; terminating message raises"


def check_html():
    from lxml import html
    doc = html.fromstring("<html><head><title>T</title></head><body><p class=x>Hello <b>bold<p>second"
                          "<a href='/rel'>link</a></body></html>")
    assert doc.findtext(".//title") == "T"
    ps = doc.findall(".//p")
    assert len(ps) == 2 and ps[0].text_content() == "Hello bold"  # unclosed tags are repaired
    doc.make_links_absolute("http://example.invalid/base/")
    assert [link for _, _, link, _ in doc.iterlinks()] == ["http://example.invalid/rel"]
    frag = html.fragment_fromstring("<div><span>x</span></div>")
    assert html.tostring(frag) == b"<div><span>x</span></div>"
    from lxml.html.clean import Cleaner
    cleaned = Cleaner(javascript=True).clean_html("<div><script>alert(1)</script><p onclick='x()'>ok</p></div>")
    assert "script" not in cleaned and "onclick" not in cleaned and "ok" in cleaned
    parser = etree.HTMLParser(encoding="utf-8")
    tree = etree.parse(io.BytesIO("<p>caf\u00e9".encode("utf-8")), parser)
    assert tree.getroot().findtext(".//p") == "caf\u00e9"
    return "html: repair of unclosed tags, links, fragments, Cleaner, HTMLParser with encoding"


def check_objectify_and_validation():
    from lxml import objectify
    root = objectify.fromstring(b"<r><n>5</n><f>2.5</f><s>text</s><b>true</b></r>")
    assert root.n + 1 == 6 and root.f * 2 == 5.0 and root.s == "text" and root.b is not None
    assert bool(root.b) is True
    dtd = etree.DTD(io.StringIO("<!ELEMENT r (i+)><!ELEMENT i (#PCDATA)>"))
    assert dtd.validate(etree.XML(b"<r><i>1</i></r>"))
    assert not dtd.validate(etree.XML(b"<r><j/></r>"))
    schema = etree.XMLSchema(etree.XML(b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="n" type="xs:integer"/></xs:schema>"""))
    assert schema.validate(etree.XML(b"<n>42</n>"))
    assert not schema.validate(etree.XML(b"<n>forty-two</n>"))
    assert "forty-two" in str(schema.error_log.last_error)
    rng = etree.RelaxNG(etree.XML(b"""<element name="a" xmlns="http://relaxng.org/ns/structure/1.0">
      <text/></element>"""))
    assert rng.validate(etree.XML(b"<a>t</a>")) and not rng.validate(etree.XML(b"<a><b/></a>"))
    return "objectify types; DTD, XML Schema and RelaxNG validation with error logs"


def check_errors():
    try:
        etree.fromstring(b"<a><b></a>")
    except etree.XMLSyntaxError as e:
        msg = str(e)
        assert "mismatch" in msg.lower() or "Opening and ending tag" in msg, msg
        assert e.position[0] == 1, e.position
    else:
        raise AssertionError("malformed XML was accepted")
    try:
        etree.fromstring(b"")
    except etree.XMLSyntaxError:
        pass
    else:
        raise AssertionError("empty document was accepted")
    recovered = etree.fromstring(b"<a><b>text</a>", etree.XMLParser(recover=True))
    assert recovered.findtext("b") == "text"
    # no network and no external entities by default: entity expansion stays off
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>', parser)
    assert doc.text is None and len(doc) == 1
    # libxml2's depth limit (256 without huge_tree) gives a clear error, huge_tree lifts it
    deep = b"<a>" * 300 + b"</a>" * 300
    try:
        etree.fromstring(deep)
    except etree.XMLSyntaxError as e:
        assert "depth" in str(e).lower(), str(e)
    else:
        raise AssertionError("a document nested 300 deep was accepted without huge_tree")
    assert etree.fromstring(deep, etree.XMLParser(huge_tree=True)).tag == "a"
    return "errors: XMLSyntaxError with position, empty doc, recover mode, no entity expansion, depth limit"


def main():
    checks = [check_parse_roundtrip, check_xpath, check_xslt, check_html, check_objectify_and_validation,
              check_errors]
    failed = 0
    for check in checks:
        try:
            print(check())
        except Exception:
            failed += 1
            print("FAILED", check.__name__)
            traceback.print_exc()
        sys.stdout.flush()
    if failed:
        print("smoke: %d area(s) failed" % failed)
        sys.exit(1)
    print("lxml", etree.__version__, "libxml2", etree.LIBXML_VERSION, "libxslt", etree.LIBXSLT_VERSION)
    assert etree.LIBXML_VERSION == (2, 9, 14) and etree.LIBXSLT_VERSION == (1, 1, 35)
    print("smoke: ok")


main()
