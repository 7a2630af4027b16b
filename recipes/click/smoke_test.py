# A command with an option and an argument, run through click's test runner.
import click
from click.testing import CliRunner

@click.command()
@click.option("--count", default=1, type=int)
@click.argument("name")
def hello(count, name):
    for _ in range(count):
        click.echo(f"Hello {name}!")

result = CliRunner().invoke(hello, ["--count", "2", "Pyodide"])
assert result.exit_code == 0 and result.output == "Hello Pyodide!\n" * 2, result.output
assert CliRunner().invoke(hello, ["--count", "x", "y"]).exit_code == 2
print("click", click.__version__ if hasattr(click, "__version__") else "", "ok")
