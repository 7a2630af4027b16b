from tabulate import tabulate

out = tabulate([["a", 1.5], ["bb", 10]], headers=["k", "v"], tablefmt="github")
assert out.splitlines() == ["| k   |    v |", "|-----|------|", "| a   |  1.5 |", "| bb  | 10   |"], out
print("tabulate ok")
