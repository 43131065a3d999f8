"""`bilateral`: the one command-line entry point.

Each command lives in its own module under `bilateral/commands/` and exposes `register(subparsers)`;
this module only assembles them, so adding a command never touches another one.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import bilateral.commands


def command_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(bilateral.commands.__path__) if not m.name.startswith("_")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bilateral", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in command_modules():
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
