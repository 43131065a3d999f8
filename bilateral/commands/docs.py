"""`bilateral docs asyncapi [-o FILE] [--yaml]`: the AsyncAPI document of every stream and message."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bilateral.asyncapi import asyncapi_document


def render(document: dict, as_yaml: bool) -> str:
    if as_yaml:
        import yaml

        return str(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    as_yaml = args.yaml or (args.output is not None and args.output.suffix in (".yaml", ".yml"))
    text = render(asyncapi_document(args.schema_version), as_yaml)
    if args.output is None:
        print(text, end="")
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("docs", help="generate documentation from the code")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    asyncapi = kinds.add_parser("asyncapi", help="the AsyncAPI document of every stream (JSON, or YAML)")
    asyncapi.add_argument("-o", "--output", type=Path, help="write here (.yaml/.yml: YAML) instead of stdout")
    asyncapi.add_argument("--yaml", action="store_true", help="YAML instead of JSON")
    asyncapi.add_argument("--schema-version", choices=("3.0.0", "2.6.0"), default="3.0.0")
    asyncapi.set_defaults(run=run)
