"""The command line: every command registers, and article files are read as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.articles import read_article
from bilateral.cli import build_parser, command_modules

pytestmark = pytest.mark.unit


def test_every_command_module_registers_its_command() -> None:
    parser = build_parser()
    for command in ("serve", "push", "relations", "extract", "eval", "bench", "demo"):
        assert command in parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert "serve" in command_modules()


def test_serve_takes_only_known_services() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "everything"])
    assert build_parser().parse_args(["serve", "ingest"]).service == "ingest"


def test_a_txt_article_has_its_title_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "visit.txt"
    path.write_text("A visit\nThe minister arrived.\nTalks followed.", encoding="utf-8")
    article = read_article(path, published_at="2025-01-31T00:00:00Z")
    assert article == {
        "title": "A visit",
        "body": "The minister arrived.\nTalks followed.",
        "published_at": "2025-01-31T00:00:00Z",
        "id": "visit",
    }


def test_a_json_article_loses_its_annotations(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"body": "b", "published_at": "2025-01-31", "gold": {}, "notes": "n"}))
    assert read_article(path) == {"body": "b", "published_at": "2025-01-31"}
