"""Statements: direct, partial and reported speech, with speakers resolved across sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.normalize.domain import extract

pytestmark = pytest.mark.unit
FRIDAY = datetime(2025, 1, 31, 20, tzinfo=UTC)


def statements(body: str) -> list:
    return list(extract(body, FRIDAY).statements)


def test_direct_quote_with_attribution_after() -> None:
    [s] = statements("“Our countries are close partners,” said Kyrgyz Prime Minister Talant Usenov.")
    assert (s.mode, s.speaker.name, s.speaker.country) == ("direct", "Talant Usenov", "KGZ")
    assert s.text == "Our countries are close partners"


def test_indirect_speech_after_verb_of_saying() -> None:
    [s] = statements("Kyrgyz Prime Minister Talant Usenov stressed that trade must double by 2030.")
    assert s.mode == "indirect"
    assert s.text == "trade must double by 2030"


def test_partial_quote_inside_reported_speech() -> None:
    found = statements("Kyrgyz Prime Minister Talant Usenov said ties had reached “a new level of trust.”")
    assert {s.mode for s in found} == {"partial", "indirect"}
    assert any(s.text == "a new level of trust" for s in found)


def test_pronoun_and_surname_resolve_to_the_first_mention() -> None:
    body = (
        "Kyrgyz Prime Minister Talant Usenov met Turkish Vice President Emre Kaya on Monday.\n"
        "Usenov noted that the two countries share a long history.\n"
        "He also called for a new railway link."
    )
    found = statements(body)
    assert [s.speaker.name for s in found] == ["Talant Usenov", "Talant Usenov"]


def test_description_resolves_to_the_person() -> None:
    body = (
        "Kyrgyz Prime Minister Talant Usenov met Turkish Vice President Emre Kaya on Monday.\n"
        "The Turkish vice president said Ankara would open a new consulate."
    )
    [s] = statements(body)
    assert s.speaker.name == "Emre Kaya"


def test_counterpart_resolves_by_country() -> None:
    body = (
        "Turkish Foreign Minister Emre Kaya met Azerbaijani Foreign Minister Elnur Aliyev in Baku.\n"
        "His Azerbaijani counterpart said the corridor would open next year."
    )
    [s] = statements(body)
    assert s.speaker.name == "Elnur Aliyev"


@pytest.mark.parametrize(
    "body",
    [
        "A diplomatic source said the talks went well.",
        "The foreign ministry said the visit would strengthen ties.",
        "Officials said the agreement would be signed soon.",
    ],
)
def test_no_statement_from_unnamed_sources(body: str) -> None:
    assert statements(body) == []


def test_multi_sentence_quote_is_one_statement() -> None:
    [s] = statements(
        "“We agreed on a roadmap. It will be signed in May,” Kyrgyz Prime Minister Talant Usenov said."
    )
    assert s.mode == "direct"
    assert s.text.startswith("We agreed on a roadmap. It will")
