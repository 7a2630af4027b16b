import sys
from lxml import etree, objectify, html
print("lxml", etree.LXML_VERSION, "libxml2", etree.LIBXML_VERSION, "compiled", etree.LIBXML_COMPILED_VERSION,
      "libxslt", etree.LIBXSLT_VERSION, sys.version.split()[0])
doc = etree.fromstring(b"<root xmlns:x='urn:x'><item n='1'>a</item><item n='2'>b</item><x:item n='3'>c</x:item></root>")
assert [e.text for e in doc.xpath("//item[@n > 1]")] == ["b"]
assert doc.xpath("count(//*[local-name()='item'])") == 3.0
assert doc.xpath("//x:item/@n", namespaces={"x": "urn:x"}) == ["3"]
xslt = etree.XSLT(etree.fromstring(b"""<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:str="http://exslt.org/strings"
  extension-element-prefixes="str">
  <xsl:template match="/root"><out><xsl:for-each select="item">
    <v><xsl:value-of select="str:padding(2, '*')"/><xsl:value-of select="concat(@n, '=', .)"/></v>
  </xsl:for-each></out></xsl:template></xsl:stylesheet>"""))
res = xslt(doc.getroottree())
assert str(res).strip().endswith("<out><v>**1=a</v><v>**2=b</v></out>"), str(res)
print("XSLT:", str(res).strip().splitlines()[-1])
prof = etree.XSLT(xslt_input=etree.XML(b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><a/></xsl:template></xsl:stylesheet>'))
r = prof(doc.getroottree(), profile_run=True); assert r.xslt_profile is not None
o = objectify.fromstring(b"<a><b>3</b><c>x</c></a>"); assert o.b + 1 == 4 and o.c == "x"
h = html.fromstring("<p>Hello <b>world</b></p>"); assert h.text_content() == "Hello world"
u16 = "<r>\u00e9\u4e2d</r>".encode("utf-16")
assert etree.fromstring(u16).text == "\u00e9\u4e2d"
assert etree.tostring(etree.fromstring(b"<r>\xc3\xa9</r>"), encoding="iso-8859-1").endswith(b"<r>\xe9</r>")
try:
    etree.fromstring(b"<a><b></a>"); raise AssertionError("no error")
except etree.XMLSyntaxError as e: print("XMLSyntaxError ok:", e)
schema = etree.XMLSchema(etree.XML(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:int"/></xs:schema>'))
assert schema.validate(etree.XML(b"<a>5</a>")) and not schema.validate(etree.XML(b"<a>x</a>"))
print("LXML OK")
