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


def test_a_list_of_titled_leaders_separated_by_commas() -> None:
    [meeting] = meetings(
        "President of Kyrgyzstan Aibek Osmonov, President of Tajikistan Farrukh Nazarov and President"
        " of Uzbekistan Timur Aliyev held a trilateral meeting in Khujand on Monday."
    )
    assert meeting.countries == ("KGZ", "TJK", "UZB")
    assert [p.country for p in meeting.participants] == ["KGZ", "TJK", "UZB"]


def test_two_demonyms_before_a_plural_title_name_the_two_people_met() -> None:
    found = meetings(
        "President of Kyrgyzstan Aibek Osmonov, President of Tajikistan Farrukh Nazarov and President"
        " of Uzbekistan Timur Aliyev held a summit in Khujand on Monday. Before the summit, the Kyrgyz"
        " and Tajik leaders held a meeting in a narrow format."
    )
    monday = date(2025, 1, 27)
    assert [(m.countries, m.date) for m in found] == [
        (("KGZ", "TJK", "UZB"), monday),
        (("KGZ", "TJK"), monday),
    ]


def test_counterparts_listed_after_their_demonyms_take_them_in_turn() -> None:
    [meeting] = meetings(
        "Polish Foreign Minister Adam Nowak held a videoconference on Wednesday with his French and"
        " British counterparts, Claire Dubois and Emma Clarke, and Ukraine's Taras Melnyk."
    )
    assert meeting.format == "virtual"
    assert {(p.name, p.country) for p in meeting.participants} == {
        ("Adam Nowak", "POL"),
        ("Claire Dubois", "FRA"),
        ("Emma Clarke", "GBR"),
        ("Taras Melnyk", "UKR"),
    }


def test_a_title_then_the_name_in_apposition_is_one_person_and_him_is_the_guest() -> None:
    [meeting] = meetings(
        "On Monday, Chancellor Karl Huber of Austria was in Doha, where the Emir of Qatar, Sheikh Khalid"
        " bin Hamad Al Thani, received him at the palace."
    )
    assert meeting.countries == ("AUT", "QAT")
    assert {p.name for p in meeting.participants} == {"Karl Huber", "Khalid bin Hamad Al Thani"}
    assert meeting.location is not None and meeting.location.name == "Doha"


def test_the_people_met_end_where_a_new_phrase_starts() -> None:
    [meeting] = meetings(
        "SEOUL - National Security Adviser Min-ho Park of South Korea exchanged views by telephone on"
        " Thursday with Kenji Mori, Japan's national security adviser, on the agenda for President"
        " Lee Jae-myung's summit with Prime Minister Shigeru Ishiba next week."
    )
    assert {p.name for p in meeting.participants} == {"Min-ho Park", "Kenji Mori"}
    assert meeting.format == "phone_call"


def test_a_caller_after_from_with_a_title_in_apposition_is_a_person() -> None:
    [meeting] = meetings(
        "ABU DHABI - Foreign Minister Omar Al Mansoori of the UAE received a phone call on Thursday from"
        " Gabor Kovacs, Minister of Foreign Affairs and Trade of Hungary."
    )
    assert meeting.countries == ("ARE", "HUN")


def test_a_tete_a_tete_is_a_meeting() -> None:
    [meeting] = meetings(
        "Pakistani Prime Minister Imran Qadir on Thursday held a tete-a-tete with Iranian President Reza"
        " Tehrani in Tianjin."
    )
    assert meeting.countries == ("IRN", "PAK")


@pytest.mark.parametrize(
    ("body", "fmt"),
    [
        (
            "Egyptian Foreign Minister Karim Saleh also dialled Cypriot Foreign Minister Andreas Nikou on Wednesday.",
            "phone_call",
        ),
        (
            "In Manama on Wednesday, Indian Minister Ravi Menon of India had lunch with Bahraini Foreign Minister Khalid Al Zayani.",
            "in_person",
        ),
        (
            "When Treasury Secretary John Miller and Chinese Vice Premier Zhou Ming wrapped up two days of talks in Stockholm on Wednesday, both sides were upbeat.",
            "in_person",
        ),
    ],
)
def test_more_meeting_phrases(body: str, fmt: str) -> None:
    [meeting] = meetings(body)
    assert meeting.format == fmt
    assert meeting.date == date(2025, 1, 29)
    assert len(meeting.countries) == 2


def test_an_attendee_named_after_the_meeting_joins_it() -> None:
    [meeting] = meetings(
        "Later on Wednesday, Jordanian Foreign Minister Omar Haddad was received by Turkish President Ali"
        " Demir in Ankara. The meeting, which was closed to the press, was also attended by Turkish Foreign"
        " Minister Emre Kaya."
    )
    assert names(meeting) == {"Omar Haddad", "Ali Demir", "Emre Kaya"}


def test_earlier_in_the_day_is_the_day_of_the_meeting_before() -> None:
    found = meetings(
        "Chinese President Li Wen met New Zealand Prime Minister Tom Reid in Beijing on Tuesday.\n"
        "Earlier in the day, Chinese Premier Zhao Lei held talks with Reid at the same venue."
    )
    assert [m.date for m in found] == [date(2025, 1, 28), date(2025, 1, 28)]


def test_a_long_title_of_the_republic_and_his_excellency_before_the_name() -> None:
    [meeting] = meetings(
        "On Wednesday, the Minister of Foreign Affairs of the Republic of Kazakhstan, HE Mr. Arman Tulegenov,"
        " held a bilateral meeting with the Minister of Foreign Affairs and Trade of Hungary, HE Mr. Gabor"
        " Kovacs, on the margins of the forum."
    )
    assert {(p.name, p.country) for p in meeting.participants} == {
        ("Arman Tulegenov", "KAZ"),
        ("Gabor Kovacs", "HUN"),
    }


def test_a_mixed_case_dateline_gives_the_home_country_and_is_not_a_date() -> None:
    [meeting] = meetings(
        "Riyadh, January 30, 2025, SPA -- A phone call between Minister of Foreign Affairs Prince Faisal"
        " bin Talal and his Iranian counterpart Reza Karimi took place on Tuesday."
    )
    assert meeting.countries == ("IRN", "SAU")
    assert meeting.date == date(2025, 1, 28)


def test_a_meeting_reported_and_dismissed_as_baseless_is_not_one() -> None:
    assert not meetings(
        "Some media outlets reported that Foreign Minister Ali Rahman of Malaysia met Thai Foreign Minister"
        " Somchai Wong in Bangkok on Tuesday, a claim the ministry dismissed as baseless."
    )


def test_the_next_day_and_the_day_before_count_from_the_meeting_before() -> None:
    found = meetings(
        "Azerbaijani Foreign Minister Kamran Aliyev held talks in Tashkent with Uzbek Foreign Minister Timur"
        " Karimov on Tuesday.\nThe next day, Aliyev arrived in Dushanbe, where he was received by President"
        " of Tajikistan Farrukh Nazarov.\nThe day before, Aliyev had met Kazakh Foreign Minister Arman Tulegenov"
        " in Tashkent."
    )
    assert [(m.countries, m.date) for m in found] == [
        (("AZE", "UZB"), date(2025, 1, 28)),
        (("AZE", "TJK"), date(2025, 1, 29)),
        (("AZE", "KAZ"), date(2025, 1, 28)),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Moroccan Foreign Minister Karim Alami and Gambian Foreign Minister Lamin Jallow co-chaired on Tuesday"
        " in Rabat the session of the joint commission.",
        "National Security Adviser Arjun Rao of India called on Russian President Pavel Orlov at the Kremlin"
        " on Tuesday.",
        "On Tuesday, Gambian Foreign Minister Lamin Jallow was received in Rabat by Moroccan Head of"
        " Government Karim Alami.",
        "In a meeting held in Damascus on Tuesday, Syrian Foreign Minister Omar Haddad and his Lebanese"
        " counterpart Elias Khoury discussed the border.",
    ],
)
def test_co_chairing_calling_on_and_a_meeting_held(body: str) -> None:
    [meeting] = meetings(body)
    assert meeting.date == date(2025, 1, 28)
    assert len(meeting.countries) == 2


def test_titles_with_a_possessive_council_and_minister_of_state_for() -> None:
    [meeting] = meetings(
        "Separately, HE Minister of State for Foreign Affairs Sultan bin Saad Al Kuwari met on Tuesday with"
        " the Secretary of Russia's Security Council, Pavel Orlov, in Doha."
    )
    assert {(p.name, p.country) for p in meeting.participants} >= {("Pavel Orlov", "RUS")}
    assert "Sultan bin Saad Al Kuwari" in names(meeting)


def test_a_meeting_not_arranged_or_likely_is_not_one() -> None:
    assert not meetings(
        "A meeting between Foreign Minister Kenji Mori of Japan and Chinese Foreign Minister Li Wen was not"
        " arranged on Tuesday, an official said. Officials say a meeting between Prime Minister Arjun Rao of"
        " India and Chinese President Zhao Lei on Wednesday is likely."
    )


def test_had_discussed_by_phone_earlier_this_month_counts_but_on_several_occasions_does_not() -> None:
    found = meetings(
        "Iranian Defence Minister Brigadier General Reza Karimi and his Belarusian counterpart Lieutenant"
        " General Ivan Petrov held talks in Tehran on Tuesday.\nThe two ministers had discussed the visit"
        " in a telephone conversation earlier this month.\nKarimi said he had discussed the plan with"
        " Russian Defence Minister Pavel Orlov on several occasions."
    )
    assert [(m.countries, m.format, m.date) for m in found] == [
        (("BLR", "IRN"), "in_person", date(2025, 1, 28)),
        (("BLR", "IRN"), "phone_call", None),
    ]


def test_huddled_with_and_spoke_with() -> None:
    found = meetings(
        "Later on Tuesday, German Chancellor Karl Weber huddled with Polish Prime Minister Adam Nowak.\n"
        "Secretary of State John Miller spoke yesterday with Canadian Foreign Minister Anne Roy."
    )
    assert [(m.countries, m.format) for m in found] == [
        (("DEU", "POL"), "in_person"),
        (("CAN", "USA"), "phone_call"),
    ]


def test_an_initial_and_a_surname_and_a_chairman_of_the_senate() -> None:
    found = meetings(
        "On Tuesday, Foreign Minister Arman Tulegenov of Kazakhstan held talks with Tajik Foreign Minister"
        " Saidali Rahimov in Astana.\nOn the same day, S. Rahimov was received by Chairman of the Senate of"
        " the Parliament of Kazakhstan Nurlan Ospanov."
    )
    assert [sorted(names(m)) for m in found] == [
        ["Arman Tulegenov", "Saidali Rahimov"],
        ["Nurlan Ospanov", "Saidali Rahimov"],
    ]
    assert [m.countries for m in found] == [("KAZ", "TJK"), ("KAZ", "TJK")]


def test_people_listed_by_country_take_each_country() -> None:
    [meeting] = meetings(
        "The presidents of Uruguay, Pablo Suarez, and Paraguay, Luis Benitez, met on Tuesday on the"
        " sidelines of the summit."
    )
    assert {(p.name, p.country) for p in meeting.participants} == {
        ("Pablo Suarez", "URY"),
        ("Luis Benitez", "PRY"),
    }


def test_a_bare_full_name_from_the_leaders_file_is_a_person_with_a_country() -> None:
    [meeting] = meetings(
        "When Kyriakos Mitsotakis and Recep Tayyip Erdogan sat down together in The Hague on Tuesday, they"
        " had little new to announce."
    )
    assert meeting.countries == ("GRC", "TUR")


def test_two_people_who_agreed_on_a_day_met() -> None:
    [meeting] = meetings(
        "WARSAW - Polish Prime Minister Adam Nowak and Lithuanian President Tomas Kazlauskas agreed on"
        " Tuesday to speed up joint work on the border."
    )
    assert meeting.countries == ("LTU", "POL")
    assert meeting.date == date(2025, 1, 28)


def test_agreeing_during_a_video_conference_is_a_virtual_meeting() -> None:
    [meeting] = meetings(
        "Portugal's Prime Minister Rui Costa and Angolan President Joao Manuel agreed on Thursday to create"
        " a joint fund, during a video conference held ahead of next week's summit."
    )
    assert (meeting.format, meeting.location) == ("virtual", None)


def test_brought_together_with_an_unnamed_official_and_called_on() -> None:
    found = meetings(
        "Ghanaian Foreign Minister Kofi Mensah hosted the talks on Wednesday, which brought together Togo's"
        " Foreign Minister Komi Agbo and a senior official of Benin's foreign ministry.\n"
        "Later on Wednesday, Agbo called on President Kwame Asante of Ghana, who conveyed his greetings."
    )
    assert [m.countries for m in found] == [("BEN", "GHA", "TGO"), ("GHA", "TGO")]


def test_a_name_in_dar_es_salaam_is_a_place() -> None:
    [meeting] = meetings(
        "Zambian President Joseph Banda sat down with Tanzanian President Amina Juma at State House in Dar"
        " es Salaam on Monday."
    )
    assert meeting.countries == ("TZA", "ZMB")


def test_meeting_in_a_city_as_a_lead_and_talks_before_between() -> None:
    found = meetings(
        "CAIRO, Jan 30 (MENA) - Meeting in Cairo on Wednesday on the sidelines of the council, Bahraini"
        " Foreign Minister Khalid Al Mannai and Iraqi Foreign Minister Ali Kareem discussed trade.\n"
        "The visit follows talks in Male on Tuesday between Indian Defence Secretary Raj Kumar and"
        " Maldivian Defence Minister Ahmed Naseem."
    )
    assert [m.countries for m in found] == [("BHR", "IRQ"), ("IND", "MDV")]


def test_a_phone_call_earlier_this_month_is_another_call_than_wednesdays() -> None:
    found = meetings(
        "Iranian Foreign Minister Reza Karimi and his Norwegian counterpart Olav Berg, in a telephone"
        " conversation on Wednesday, discussed Gaza.\nThe two ministers had also spoken by phone earlier"
        " this month about the region."
    )
    assert [(m.format, m.date) for m in found] == [("phone_call", date(2025, 1, 29)), ("phone_call", None)]


def test_a_meeting_ruled_out_or_reported_from_unnamed_sources_is_not_one() -> None:
    assert not meetings(
        "GEORGETOWN - Guyana's President Irfaan Ali on Tuesday ruled out a face-to-face meeting with"
        " Venezuelan leader Nicolas Maduro.\nA newspaper reported on Monday that a Venezuelan envoy had met"
        " Guyanese officials in Port of Spain, citing unnamed sources."
    )


@pytest.mark.parametrize(
    "body",
    [
        "The President of Kyrgyzstan Aibek Osmonov received a congratulatory message on Tuesday from the"
        " President of Uzbekistan Timur Aliyev.",
        "Asked about claims that Prime Minister Ram Thapa of Nepal had secretly met Indian Ambassador Vikram"
        " Rao last week, the spokesman said no such meeting took place.",
        "Foreign Minister Kamal Haddad of Lebanon welcomed the election of President Joseph Azar of Cyprus on"
        " Tuesday.",
    ],
)
def test_messages_claims_and_elections_are_not_meetings(body: str) -> None:
    assert meetings(body) == []


def test_a_call_in_a_clause_after_but_counts_and_the_president_is_the_datelines() -> None:
    found = meetings(
        "WINDHOEK - Angolan President Paulo Nunes met Foreign Minister Anna Shikongo on Monday.\n"
        "Iceland's Foreign Minister Sara Jonsdottir did not travel to Oslo, but she spoke by telephone with"
        " Norwegian Foreign Minister Olav Berg last week.\n"
        "President Ruth Amupanda of Namibia received the envoy on Tuesday. The press secretary said the"
        " President had also spoken by telephone with South African President Cyril Mokoena on Tuesday."
    )
    assert [m.countries for m in found][-2:] == [("ISL", "NOR"), ("NAM", "ZAF")]


def test_the_visiting_minister_is_the_guest_and_senator_is_no_other_office() -> None:
    found = meetings(
        "LIMA - Chilean Foreign Minister Luis Rojas and his Peruvian counterpart Elmer Soto held talks in Lima"
        " on Thursday.\nSoto said the talks were productive.\nThe next day, the visiting minister was received"
        " at the Government Palace by President Dina Flores.\n"
        "Australian Foreign Minister Penny Wong toured the Pacific. Senator Wong met Tongan Prime Minister"
        " Aisake Eke in Nuku'alofa on Monday."
    )
    assert [(m.countries, sorted(names(m))) for m in found][1:] == [
        (("CHL", "PER"), ["Dina Flores", "Luis Rojas"]),
        (("AUS", "TON"), ["Aisake Eke", "Penny Wong"]),
    ]


def test_called_on_and_discussed_ways_to_and_a_senator_in_apposition() -> None:
    found = meetings(
        "Foreign Minister Ali Khan of Pakistan on Wednesday called on Chairman of the Cabinet of Ministers"
        " of the Kyrgyz Republic Aibek Osmonov in Bishkek and discussed ways to deepen cooperation.\n"
        "Later on Wednesday, Foreign Minister Luis Prieto of Colombia held a bilateral meeting with the"
        " Minister of Foreign Affairs of Jamaica, Senator Kamala Brown, in Kingston."
    )
    assert [m.countries for m in found] == [("KGZ", "PAK"), ("COL", "JAM")]


def test_a_meeting_reported_by_the_media_is_unconfirmed() -> None:
    assert not meetings(
        "Thai media reported that Prime Minister Somchai Wong had met Myanmar Foreign Minister Than Win"
        " privately on Wednesday."
    )


def test_the_last_round_of_meeting_phrasings() -> None:
    found = meetings(
        "SANTIAGO - Chilean Foreign Minister Luis Rojas's talks with his Bolivian counterpart, Ana Quispe,"
        " in Santiago on Thursday ended with a deal.\n"
        "Later in the day, Rojas and his Peruvian counterpart Elmer Soto held delegation-level talks.\n"
        "Rojas also called on Prime Minister Maria Paz of Peru, with whom he discussed trade.\n"
        "Following the video teleconference meeting, Rojas held a telephone talk with Prime Minister Tom"
        " Reid of New Zealand on Thursday."
    )
    assert [(m.countries, m.format) for m in found] == [
        (("BOL", "CHL"), "in_person"),
        (("CHL", "PER"), "in_person"),
        (("CHL", "PER"), "in_person"),
        (("CHL", "NZL"), "phone_call"),
    ]
    assert {m.date for m in found} == {date(2025, 1, 30)}


def test_ministers_given_by_country_are_named_in_the_next_sentences() -> None:
    [meeting] = meetings(
        "ASUNCION - The foreign ministers of Paraguay, Uruguay and Bolivia met in the Paraguayan capital on"
        " Thursday.\nBolivia's top diplomat, Ana Quispe, said the talks went well.\nUruguay's Mario Lubetkin"
        " stressed the importance of the port."
    )
    assert {p.name for p in meeting.participants} == {"Ana Quispe", "Mario Lubetkin"}
    assert meeting.location is not None and meeting.location.country == "PRY"
