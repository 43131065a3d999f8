"""`bilateral`: the one command-line entry point.

Each command lives in its own module under `bilateral/commands/` and exposes `register(subparsers)`;
this module only assembles them, so adding a command never touches another one.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "serve",
    "push",
    "relations",
    "extract",
    "bench",
    "demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bilateral", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"bilateral.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
