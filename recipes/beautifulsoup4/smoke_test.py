# Parse with the standard library's parser, search, and select through soupsieve.
import bs4
from bs4 import BeautifulSoup

html = "<html><body><div class='note'><p>one</p><p>two <a href='https://x'>link</a></p></div></body></html>"
soup = BeautifulSoup(html, "html.parser")
assert [p.get_text() for p in soup.find_all("p")] == ["one", "two link"]
assert [a["href"] for a in soup.select("div.note > p:nth-of-type(2) a[href^='https']")] == ["https://x"]
soup.p.string = "<uno>"
assert "<p>&lt;uno&gt;</p>" in str(soup)
print("beautifulsoup4", bs4.__version__, "ok")
import soupsieve
assert soupsieve.select_one("p:-soup-contains('two')", soup) is soup.find_all("p")[1]
