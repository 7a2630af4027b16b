# Render to a string console: a table, markup and a syntax-highlighted snippet (pygments).
from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

console = Console(record=True, width=60, color_system=None, file=open("/dev/null", "w"))
table = Table("name", "value")
table.add_row("a", "[bold]1[/bold]")
console.print(table)
console.print(Syntax("def f(x):\n    return x", "python"))
text = console.export_text()
assert "name" in text and "value" in text and "def f(x):" in text, text
assert "[bold]" not in text
print("rich ok")
