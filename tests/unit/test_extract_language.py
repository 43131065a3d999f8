"""General rules of English news language, each with a sentence written for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from services.normalize.domain import extract
from services.normalize.domain.leaders import leader_country

pytestmark = pytest.mark.unit
PUBLISHED = datetime(2025, 3, 14, 12)  # a Friday


def meetings(
    body: str, published: datetime = PUBLISHED
) -> list[tuple[tuple[str, ...], str | None, list[str]]]:
    found = extract(body, published).meetings
    return [
        (m.countries, str(m.date) if m.date else None, [p.name or "" for p in m.participants]) for m in found
    ]


def test_coordinated_subjects_meet_together() -> None:
    body = (
        "President Lena Varga and her Polish counterpart Tomasz Wrobel held talks by video link on Tuesday."
    )
    [(countries, day, names)] = meetings("BUDAPEST - " + body)
    assert countries == ("HUN", "POL") and day == "2025-03-11"
    assert names == ["Lena Varga", "Tomasz Wrobel"]


def test_the_two_leaders_are_the_people_of_the_previous_meeting() -> None:
    body = (
        "Chilean Foreign Minister Pablo Ruiz met Peruvian Foreign Minister Ana Quispe on Thursday.\n"
        "The two ministers had first discussed the border dispute by phone on February 2."
    )
    found = meetings(body)
    assert [(m[0], m[1]) for m in found] == [(("CHL", "PER"), "2025-03-13"), (("CHL", "PER"), "2025-02-02")]


def test_the_same_day_takes_the_previous_meetings_date() -> None:
    body = (
        "Kenyan Foreign Minister Joseph Mwangi met Ugandan President Grace Okello in Kampala on Monday. "
        "He also held a separate meeting the same day with Rwandan Foreign Minister Paul Habimana."
    )
    assert [m[1] for m in meetings(body)] == ["2025-03-10", "2025-03-10"]


def test_yearless_date_far_ahead_is_last_year() -> None:
    body = "Greek Prime Minister Nikos Alexiou spoke by phone with Cypriot President Maria Christou on December 28."
    [(_, day, _)] = meetings(body, datetime(2025, 1, 8))
    assert day == "2024-12-28"


def test_present_perfect_without_its_own_day_is_background() -> None:
    body = "Pedersen, who took office on March 3, has already held phone talks with German Chancellor Karl Weiss."
    assert meetings("Danish Prime Minister Anne Pedersen said so. " + body) == []


def test_names_with_initials_honorifics_and_capitals() -> None:
    body = "Mr. OKADA Hiroshi, Minister for Foreign Affairs of Japan, met H.E. Mr. Jose R. Santos Jr., Secretary of Foreign Affairs of the Philippines, on Monday."
    [(countries, _, names)] = meetings(body)
    assert countries == ("JPN", "PHL")
    assert names == ["Okada Hiroshi", "Jose R. Santos Jr."]


def test_portfolio_list_title_before_name() -> None:
    body = "Tunisia's Minister of Foreign Affairs, Migration and Tunisians Abroad Dr. Samir Nafti met Algerian Prime Minister Karim Benali on Sunday."
    [(countries, _, names)] = meetings(body)
    assert countries == ("DZA", "TUN") and names == ["Samir Nafti", "Karim Benali"]


def test_country_possessive_full_name_is_a_person() -> None:
    body = "Ghana's Kwame Mensah met Togo's Komi Adjo in Accra on Wednesday."
    [(countries, _, _)] = meetings(body)
    assert countries == ("GHA", "TGO")


def test_name_after_a_place_preposition_is_a_place() -> None:
    body = (
        "Italian Prime Minister Marco Bellini met Maltese Prime Minister Luca Borg in San Marino on Friday."
    )
    [(_, _, names)] = meetings(body)
    assert names == ["Marco Bellini", "Luca Borg"]


def test_joined_by_makes_a_larger_meeting() -> None:
    body = (
        "Latvian President Ilze Ozola held talks with Lithuanian President Jonas Kazlauskas in Riga on Monday, "
        "and the two leaders were later joined by Estonian President Mart Tamm."
    )
    found = meetings(body)
    assert [m[0] for m in found] == [("LTU", "LVA"), ("EST", "LTU", "LVA")]


def test_bare_congolese_is_the_democratic_republic_without_brazzaville_context() -> None:
    body = (
        "Congolese Foreign Minister Marie Ilunga met Angolan Foreign Minister Pedro Neto in Luanda on Monday."
    )
    [(countries, _, _)] = meetings(body)
    assert countries == ("AGO", "COD")


def test_leader_data_gives_a_country_by_year() -> None:
    assert leader_country("Obama", "President", 2012) == "USA"
    assert leader_country("Mitterand", "President", 1990) == "FRA"  # a common misspelling
    assert leader_country("Lavrov", "Foreign Minister", 2020) == "RUS"
    assert leader_country("Lavrov", "President", 2020) is None
    assert leader_country("Nobody", "President", 2020) is None


def test_title_and_surname_without_a_country_meets_by_world_knowledge() -> None:
    body = "Colombian diplomats held their first meeting with President Clinton at a dinner on Monday."
    [(countries, _, _)] = meetings(body, datetime(1996, 5, 10))
    assert countries == ("COL", "USA")


def test_lowercase_office_holder_speaks() -> None:
    [s] = extract("President obama expressed sorrow for the victims of the storm.", PUBLISHED).statements
    assert s.speaker.country == "USA"


def statements_by(body: str) -> list[tuple[str, str]]:
    return [(s.speaker.name or "", s.text) for s in extract(body, PUBLISHED).statements]


def test_a_researcher_is_no_official() -> None:
    body = '"Sanctions have not worked," said Olga Petrova, a researcher at a Vienna institute.'
    assert statements_by(body) == []


def test_speaker_before_an_inserted_clause() -> None:
    body = "Chilean Foreign Minister Pablo Ruiz, who travelled with Boric, said the talks went well."
    assert statements_by(body) == [("Pablo Ruiz", "the talks went well")]


def test_description_prefers_the_office_it_names() -> None:
    body = (
        "Egyptian Foreign Minister Samir Fahmy conveyed the greetings of Egyptian President Omar Nabil.\n"
        "The Egyptian minister stressed that ties with Jordan were strong."
    )
    assert [name for name, _ in statements_by(body)][-1] == "Samir Fahmy"


def test_a_time_inside_a_quotation_does_not_date_the_report() -> None:
    body = (
        "Kenyan Foreign Minister Joseph Mwangi met Ugandan Foreign Minister Ruth Okello in Kampala last week.\n"
        '"Today we open a new chapter," Mwangi said at the meeting.'
    )
    [(_, day, _)] = meetings(body)
    assert day is None


def test_also_met_right_after_a_dated_meeting_is_the_same_day() -> None:
    body = (
        "Indian Prime Minister Ravi Kumar on Tuesday held talks with Nepalese Prime Minister Hari Thapa.\n"
        "Kumar also met Bhutanese Prime Minister Karma Dorji."
    )
    assert [m[1] for m in meetings(body)] == ["2025-03-11", "2025-03-11"]


def test_an_unnamed_representative_who_took_part_adds_a_state() -> None:
    body = (
        "Saudi Foreign Minister Fahad Rashid hosted Jordanian Foreign Minister Omar Haddad on Monday.\n"
        "A representative of the Palestinian Authority also took part."
    )
    [(countries, _, _)] = meetings(body)
    assert countries == ("JOR", "PSE", "SAU")


def test_the_guests_of_the_previous_meeting() -> None:
    body = (
        "Armenian Foreign Minister Aram Petrosyan and Georgian Foreign Minister Levan Beridze met with "
        "Secretary of State John Hale in Washington on Friday.\n"
        "Later on Friday, President Mark Dunn received the two ministers at the White House."
    )
    found = meetings(body)
    assert found[-1][2] == ["Mark Dunn", "Aram Petrosyan", "Levan Beridze"]


def test_another_office_with_the_same_surname_is_another_person() -> None:
    body = (
        "Prime Minister Anwar Rahman of Malaysia met Thai Prime Minister Somchai Wong on Monday.\n"
        "Wong was later received by Sultan Rahman, King of Malaysia."
    )
    names = [m[2] for m in meetings(body)]
    assert ["Somchai Wong", "Rahman"] in names or ["Rahman", "Somchai Wong"] in names


def test_lowercase_word_after_a_title_is_a_name_only_for_an_office_holder() -> None:
    body = "The Agriculture Minister rice exports plan was praised by President Li Wen."
    assert all(s.speaker.name != "rice" for s in extract(body, PUBLISHED).statements)
    assert meetings("Agriculture Minister rice met Chinese President Li Wen.") == []


def test_topics_come_from_words_and_stems() -> None:
    from services.normalize.domain.tokens import tokenize
    from services.normalize.domain.topics import find_topics, ordered_topics

    found = find_topics(tokenize("They discussed food security, economic ties and IT; it was cordial."))
    assert ordered_topics(found) == ("economy", "security", "technology", "agriculture")


def test_the_surname_he_after_a_title_is_a_name() -> None:
    [(_, _, names)] = meetings(
        "Chinese Vice Premier He Jianmin met British Finance Minister Anna Reed on Monday."
    )
    assert names == ["He Jianmin", "Anna Reed"]


def test_the_month_may_in_a_dateline_is_no_modal() -> None:
    body = "ROME, May 13 (Reuters) - Italian Foreign Minister Carlo Neri met Greek Foreign Minister Eleni Pappa on Monday."
    assert [m[0] for m in meetings(body)] == [("GRC", "ITA")]


def test_the_two_leaders_named_in_the_sentence_before() -> None:
    body = (
        "President Anna Berg will host Danish Prime Minister Lars Holm in Oslo next week, her office said. "
        "The two leaders spoke by phone on Sunday."
    )
    [(countries, day, _)] = meetings("OSLO - " + body)
    assert countries == ("DNK", "NOR") and day == "2025-03-09"


def test_told_reporters_that_reports_the_words_not_the_listeners() -> None:
    [(_, text)] = statements_by(
        "Danish Prime Minister Lars Holm told reporters that the talks had gone well."
    )
    assert text == "the talks had gone well"


def test_a_leader_known_by_surname_alone() -> None:
    body = "According to the Kremlin, Putin and Erdogan discussed Syria in a telephone conversation on Wednesday."
    [(countries, _, names)] = meetings(body)
    assert countries == ("RUS", "TUR") and names == ["Putin", "Erdogan"]
    assert meetings("Major General Putin met Erdogan.", datetime(1995, 1, 1)) == []
