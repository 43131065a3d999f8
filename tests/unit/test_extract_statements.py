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


def test_words_before_the_attribution_are_the_statement() -> None:
    [s] = statements(
        "Norway will contribute a further 7 billion kroner to the fund, Foreign Minister Erik Dahl announced."
    )
    assert (s.speaker.name, s.mode) == ("Erik Dahl", "indirect")
    assert s.text == "Norway will contribute a further 7 billion kroner to the fund"


def test_a_participle_clause_belongs_to_the_speaker_before_it() -> None:
    found = statements(
        "Finance Minister Rui Costa of Portugal sought to reassure investors, stressing that the budget"
        " would remain in force."
    )
    assert [(s.speaker.name, s.text) for s in found] == [("Rui Costa", "the budget would remain in force")]


def test_and_said_after_a_meeting_is_the_subjects_statement() -> None:
    found = statements(
        "Secretary of State Mark Rowe of the United States met Guatemalan President Luis Ortiz on Wednesday"
        " and said the country had agreed to take in more deportees."
    )
    assert [s.speaker.name for s in found] == ["Mark Rowe"]


def test_quoted_as_saying() -> None:
    [s] = statements(
        "Foreign Minister Kenji Mori of Japan was quoted as saying that the visit was a new start."
    )
    assert (s.speaker.name, s.text) == ("Kenji Mori", "the visit was a new start")


def test_according_to_an_official_before_the_words() -> None:
    [s] = statements(
        "According to ministry spokesman Pawel Nowak, the four ministers agreed to meet again in Vienna."
    )
    assert (s.speaker.name, s.text) == ("Pawel Nowak", "the four ministers agreed to meet again in Vienna")


def test_according_to_a_channel_leaves_the_words_to_the_innermost_speaker() -> None:
    found = statements(
        "According to spokesman Pawel Nowak, Foreign Minister Adam Lis of Poland stressed that aid would continue."
    )
    assert [s.speaker.name for s in found] == ["Adam Lis"]


def test_chinese_surname_he_inside_a_sentence_is_a_name() -> None:
    [s] = statements("At a briefing, ministry spokesperson He Yadong said imports from Oceania had grown.")
    assert s.speaker.name == "He Yadong"


def test_a_compound_title_is_found_again_by_either_part() -> None:
    found = statements(
        "Austrian Chancellor Karl Huber held talks with Bahrain's Crown Prince and Prime Minister Salman"
        " bin Hamad Al Khalifa on Tuesday.\nThe crown prince affirmed Bahrain's readiness to invest in Europe."
    )
    assert [s.speaker.name for s in found] == ["Salman bin Hamad Al Khalifa"]


def test_welcoming_a_guest_is_not_a_statement() -> None:
    found = statements(
        "President Daniel Chapo of Mozambique welcomed his Malawian counterpart to Maputo on Monday."
    )
    assert found == []


def test_a_speaker_before_an_apposition_that_names_someone_else() -> None:
    [s] = statements(
        "Celso Amorim, Lula's chief foreign policy adviser, who was in Caracas as an observer, said on"
        " Thursday that Brazil had not received the tally sheets."
    )
    assert (s.speaker.name, s.text) == ("Celso Amorim", "Brazil had not received the tally sheets")


def test_his_highness_is_who_was_introduced_so() -> None:
    found = statements(
        "His Highness Sheikh Khalid bin Zayed Al Nahyan, President of the UAE, received Kenyan President"
        " Samuel Otieno on Tuesday.\nHis Highness and President Otieno witnessed the signing of the"
        " agreement.\nHis Highness expressed his confidence that the agreement would open new horizons."
    )
    assert [s.speaker.name for s in found] == ["Khalid bin Zayed Al Nahyan"]


def test_a_denial_is_a_statement() -> None:
    [s] = statements(
        "Kremlin spokesman Dmitry Orlov of Russia denied media reports that the two leaders had met."
    )
    assert (s.speaker.name, s.mode) == ("Dmitry Orlov", "indirect")


def test_a_description_takes_the_person_whose_title_it_matches_best() -> None:
    found = statements(
        "Lebanese Prime Minister Karim Haddad met Syrian President Omar Nasser on Monday.\n"
        "Syrian Foreign Minister Sami Saleh held talks with his Lebanese counterpart Elias Khoury.\n"
        "Prime Minister Haddad praised the talks.\n"
        '"What unites us is far greater than what divides us," the Lebanese foreign minister said.'
    )
    assert [s.speaker.name for s in found if s.mode == "direct"] == ["Elias Khoury"]


def test_he_in_capitals_is_his_excellency() -> None:
    found = statements(
        "Prime Minister Khalid Al Thani of Qatar held a video call with Norwegian Foreign Minister Lars Berg"
        " on Monday.\nHE stressed the need to allow aid into the Strip."
    )
    assert [s.speaker.name for s in found] == ["Khalid Al Thani"]


def test_calling_on_someone_at_a_place_is_no_statement() -> None:
    assert (
        statements(
            "National Security Adviser Arjun Rao called on Russian President Pavel Orlov at the Kremlin."
        )
        == []
    )


def test_a_party_after_the_name_and_ruled_out() -> None:
    found = statements(
        "Chancellor Karl Huber of the conservative People's Party said the coalition had taken responsibility.\n"
        "He ruled out further tax increases before the election."
    )
    assert [(s.speaker.name, s.text) for s in found] == [
        ("Karl Huber", "the coalition had taken responsibility"),
        ("Karl Huber", "further tax increases before the election"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Opposition Leader Jane Hill said the government had been caught flat-footed.",
        "Former prime minister Paul Grant, a longtime critic, said Australia should reconsider the deal.",
        "Conservative Leader Mark Doyle said the prime minister had come home empty-handed.",
        "Irina Volkova, founder of a political consultancy, said the Kremlin was playing for time.",
    ],
)
def test_opposition_former_officials_and_analysts_make_no_statements(body: str) -> None:
    assert statements(body) == []


def test_the_person_after_accused_is_whom_not_who() -> None:
    found = statements(
        "The Conservative leader, Kemi Adams, accused Prime Minister Tom Reid of rewarding Hamas."
    )
    assert [s.speaker.name for s in found] == []


def test_his_royal_highness_and_the_state_leader_and_the_diplomat() -> None:
    found = statements(
        "Saudi Energy Minister Prince Faisal bin Khalid received Russian Deputy Prime Minister Ivan Petrov on"
        " Monday.\nDuring the talks, His Royal Highness stressed the importance of cooperation on oil.\n"
        "Vietnamese President Tran Van Minh received Japanese Ambassador Kenji Sato on Monday.\n"
        "The State leader asked Japan to keep supporting the Vietnamese community.\n"
        "Japanese firms are keen to invest, according to the diplomat."
    )
    assert [s.speaker.name for s in found] == ["Faisal bin Khalid", "Tran Van Minh", "Kenji Sato"]
