"""Meetings: the phrases that report one, formats, tours, and what is not a meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.normalize.domain import extract

pytestmark = pytest.mark.unit
FRIDAY = datetime(2025, 1, 31, 20, tzinfo=UTC)


def meetings(body: str) -> list:
    return list(extract(body, FRIDAY).meetings)


def names(meeting) -> set[str]:
    return {p.name for p in meeting.participants}


@pytest.mark.parametrize(
    "body",
    [
        "Turkish Foreign Minister Emre Kaya met with his Greek counterpart Nikos Petrou in Athens on Monday.",
        "Greek Prime Minister Nikos Petrou received Turkish Foreign Minister Emre Kaya on Monday.",
        "Greek Prime Minister Nikos Petrou hosted Turkish Foreign Minister Emre Kaya on Monday.",
        "Turkish Foreign Minister Emre Kaya held talks with Greek Prime Minister Nikos Petrou on Monday.",
        "On the sidelines of the summit, Turkish Foreign Minister Emre Kaya met Greek Prime Minister "
        "Nikos Petrou on Monday.",
    ],
)
def test_meeting_phrases(body: str) -> None:
    [meeting] = meetings(body)
    assert meeting.countries == ("GRC", "TUR")
    assert names(meeting) == {"Emre Kaya", "Nikos Petrou"}
    assert meeting.date == date(2025, 1, 27)
    assert meeting.format == "in_person"


def test_phone_call_has_no_location() -> None:
    [meeting] = meetings(
        "ANKARA - Turkish President Ali Demir spoke by phone with Russian President Pavel Orlov on Wednesday."
    )
    assert meeting.format == "phone_call"
    assert meeting.location is None
    assert meeting.date == date(2025, 1, 29)


def test_video_call() -> None:
    [meeting] = meetings(
        "Indian Prime Minister Arjun Rao held a video call with Japanese Prime Minister Ken Sato yesterday."
    )
    assert meeting.format == "virtual"
    assert meeting.countries == ("IND", "JPN")
    assert meeting.date == date(2025, 1, 30)


def test_tour_with_meetings_on_different_days() -> None:
    body = (
        "Iranian Foreign Minister Reza Karimi met Omani Foreign Minister Said Harthi in Muscat on Tuesday.\n"
        "Karimi then held talks with Qatari Prime Minister Khalid Thani in Doha on Wednesday."
    )
    found = meetings(body)
    assert [m.countries for m in found] == [("IRN", "OMN"), ("IRN", "QAT")]
    assert [m.date for m in found] == [date(2025, 1, 28), date(2025, 1, 29)]
    assert [m.location.name if m.location else None for m in found] == ["Muscat", "Doha"]


def test_dateline_is_the_location() -> None:
    [meeting] = meetings(
        "BAKU (Agencies) - Azerbaijani President Ilkin Mammadov received Turkish Defense "
        "Minister Emre Kaya on Thursday."
    )
    assert meeting.location is not None and meeting.location.name == "Baku"


@pytest.mark.parametrize(
    "body",
    [
        "Turkish Foreign Minister Emre Kaya will meet Greek Prime Minister Nikos Petrou on Monday.",
        "Turkish Foreign Minister Emre Kaya is scheduled to hold talks with Greek Prime Minister Nikos Petrou.",
        "Turkish Foreign Minister Emre Kaya is expected to meet Greek Prime Minister Nikos Petrou next week.",
        "Greek Prime Minister Nikos Petrou invited Turkish Foreign Minister Emre Kaya to visit Athens.",
        "A meeting between Turkish Foreign Minister Emre Kaya and Greek Prime Minister Nikos Petrou was postponed.",
        "Ankara denied that Turkish Foreign Minister Emre Kaya met Greek Prime Minister Nikos Petrou.",
        "Turkish Foreign Minister Emre Kaya and Greek Prime Minister Nikos Petrou have met several times since 2023.",
    ],
)
def test_not_meetings(body: str) -> None:
    assert meetings(body) == []


def test_meeting_last_week_has_no_date() -> None:
    [meeting] = meetings(
        "Turkish Foreign Minister Emre Kaya met Greek Prime Minister Nikos Petrou last week."
    )
    assert meeting.date is None


def test_countries_without_people() -> None:
    [meeting] = meetings("Officials from Brazil, Argentina and Chile met yesterday in Santiago.")
    assert meeting.countries == ("ARG", "BRA", "CHL")


def test_unnamed_official_counts_its_country() -> None:
    [meeting] = meetings("Iraq's national security adviser met with Syrian President Omar Haddad on Tuesday.")
    assert meeting.countries == ("IRQ", "SYR")


def test_topics_come_from_the_vocabulary() -> None:
    [meeting] = meetings(
        "Kazakh Prime Minister Aidos Nurlanov met Uzbek President Timur Karimov on Monday "
        "to discuss trade, energy and water."
    )
    assert {"trade", "energy", "water"} <= set(meeting.topics)
