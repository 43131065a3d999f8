"""Countries from names, adjectives, capitals and titles; dates resolved against publication."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.normalize.domain.countries import find_countries
from services.normalize.domain.dates import find_times
from services.normalize.domain.tokens import tokenize

pytestmark = pytest.mark.unit
FRIDAY = date(2025, 1, 31)


def codes(text: str) -> list[str]:
    return [h.code for h in find_countries(tokenize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakhstan and Belarus", ["KAZ", "BLR"]),
        ("the Kazakh, Belarusian and Kyrgyz delegations", ["KAZ", "BLR", "KGZ"]),
        ("Tehran-Bishkek relations", ["IRN", "KGZ"]),
        ("Iran’s First Vice President", ["IRN"]),
        ("the United States and the U.S. and the UK", ["USA", "USA", "GBR"]),
        ("South African and North Korean envoys", ["ZAF", "PRK"]),
        ("Russia, Türkiye, Turkey and the Islamic Republic of Iran", ["RUS", "TUR", "TUR", "IRN"]),
        ("the Iranians and the Saudis", ["IRN", "SAU"]),
    ],
)
def test_country_forms(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def days(text: str) -> list[date | None]:
    return [t.day for t in find_times(text, FRIDAY) if t.kind == "day"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Thursday", [date(2025, 1, 30)]),
        ("later on Thursday", [date(2025, 1, 30)]),
        ("on Friday", [date(2025, 1, 31)]),
        ("yesterday", [date(2025, 1, 30)]),
        ("on January 3", [date(2025, 1, 3)]),
        ("on 3 January 2024", [date(2024, 1, 3)]),
        ("Jan. 29", [date(2025, 1, 29)]),
    ],
)
def test_dates(text: str, expected: list[date]) -> None:
    assert days(text) == expected


@pytest.mark.parametrize("text", ["last month", "in recent years", "last week", "since 2023"])
def test_vague_times_have_no_day(text: str) -> None:
    times = find_times(text, FRIDAY)
    assert times and all(t.day is None for t in times)


def test_future_dates_are_marked() -> None:
    assert [t.kind for t in find_times("on February 18", FRIDAY)] == ["future"]


def test_no_publication_date_gives_no_day() -> None:
    assert all(t.day is None for t in find_times("on Thursday", None))
    assert datetime(2025, 1, 31, tzinfo=UTC).date() == FRIDAY
