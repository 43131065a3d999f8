"""Any text is accepted: no error, deterministic output, no catastrophic backtracking."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.normalize.domain import EXTRACTOR_VERSION, extract

pytestmark = pytest.mark.unit
WHEN = datetime(2025, 1, 31, tzinfo=UTC)
WORDS = [
    "met",
    "said",
    "President",
    "Iran",
    "’s",
    "“",
    "”",
    '"',
    ".",
    ",",
    "Tehran-Bishkek",
    "on",
    "Thursday",
    "Prime",
    "Minister",
    "Aref",
    "he",
    "the",
    "Kazakh",
    "with",
    "talks",
    "\n",
    "al-",
    "U.S.",
    "-",
    " ",
]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text(body: str) -> None:
    extract(body, WHEN)
    extract(body, None, body)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80))
def test_news_like_noise(words: list[str]) -> None:
    body = " ".join(words)
    assert extract(body, WHEN) == extract(body, WHEN)


ADVERSARIAL = [
    "a" * 262144,
    "A" * 262144,
    ("Aa " * 90000)[:262144],
    ("“" * 131072) + ("”" * 131072),
    ('"a' * 131072),
    ("U.S." * 65536),
    ("al-" * 87381),
    ("Prime Minister " * 17476)[:262144],
    ("met with " * 29127)[:262144],
    ("spoke with " * 23831)[:262144],
    ("on Thursday " * 21845)[:262144],
    ("-A" * 131072),
    ("Iran’s " * 37449)[:262144],
    (". A" * 87381)[:262144],
    ("\n" * 262144),
    ("X, " * 87381)[:262144],
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("body", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_256_kib_of_adversarial_text_is_fast(body: str) -> None:
    started = time.perf_counter()
    extract(body, WHEN)
    assert time.perf_counter() - started < 10


def test_version_is_set() -> None:
    assert EXTRACTOR_VERSION
