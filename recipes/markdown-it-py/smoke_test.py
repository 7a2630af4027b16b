from markdown_it import MarkdownIt

md = MarkdownIt("commonmark").enable("table")
html = md.render("# T\n\n*a* [l](https://x) `c`\n\n| h |\n|---|\n| v |\n")
assert "<h1>T</h1>" in html and "<em>a</em>" in html and '<a href="https://x">l</a>' in html, html
assert "<table>" in html and "<code>c</code>" in html, html
print("markdown-it-py ok")
