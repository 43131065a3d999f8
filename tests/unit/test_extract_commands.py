"""`bilateral extract` and `bilateral eval` (only the extract module's commands are registered)."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from bilateral.commands import extract as extract_command

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
pytestmark = pytest.mark.unit


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    extract_command.register(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return args.run(args)


def test_extract_prints_one_line_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    txt = tmp_path / "note.txt"
    txt.write_text(
        "A title\nKazakh Prime Minister Aidos Nurlanov met Uzbek President Timur Karimov on Monday.\n"
    )
    assert (
        run(["extract", str(FIXTURES / "seed.json"), str(txt), "--published-at", "2025-01-31T12:00:00Z"]) == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["article_id"] for line in lines] == ["seed", "note"]
    assert len(lines[0]["meetings"]) == 3
    assert lines[0]["meetings"][0]["date"] == "2025-01-30"
    assert lines[1]["meetings"][0]["countries"] == ["KAZ", "UZB"]
    assert lines[1]["meetings"][0]["date"] == "2025-01-27"


def test_eval_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "seed.json", tmp_path / "seed.json")
    assert run(["eval", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "meetings F1=1.000" in out
