"""`bilateral bench WHAT`: benchmarks that print figures (never timed assertions in tests)."""

from __future__ import annotations

import argparse
import importlib

BENCHMARKS = ("extract", "store", "replay", "pipeline")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark and print its figures")
    benches = parser.add_subparsers(dest="bench", required=True, metavar="BENCH")
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(f"bilateral.bench.{name}")
        except ModuleNotFoundError:
            continue
        module.register(benches)
