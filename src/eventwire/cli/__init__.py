"""The ``eventwire`` command line: the only package that prints.

One Typer app (``common.app``); the commands live in modules by what they do, imported here in the order
``eventwire --help`` lists them.
"""

# isort: off
from eventwire.cli import coding, query, evaluate, about  # noqa: F401  (each registers its commands, in this order)

# isort: on
from eventwire.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
