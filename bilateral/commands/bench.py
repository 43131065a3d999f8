"""`bilateral bench WHAT`: benchmarks that print figures (never timed assertions in tests)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import bilateral.bench


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark and print its figures")
    benches = parser.add_subparsers(dest="bench", required=True, metavar="BENCH")
    for info in sorted(pkgutil.iter_modules(bilateral.bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"bilateral.bench.{info.name}").register(benches)
