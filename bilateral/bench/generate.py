"""Generated diplomatic news for the benchmarks, and `bilateral bench generate` to inspect it.

Each article is ~500 words around a cast of five officials from five countries (of ~190): a
bilateral meeting in the dateline's capital, a phone call, a meeting of three on the sidelines of a
forum, sometimes a video conference, a planned visit (which is not a meeting), and direct, partial
and reported statements, with relative dates ("on Monday", "yesterday") resolved against the
publication date. The extractor therefore does real work on every article. Deterministic per
(seed, index), so two runs push the same articles and distinct indexes give distinct articles.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bilateral.bench._vocabulary import (
    AGENCIES,
    BACKGROUND,
    DIRECT_QUOTES,
    FIRST_NAMES,
    FORUMS,
    INDIRECT_CLAUSES,
    LEADER_TITLES,
    MINISTER_TITLES,
    PARTIAL_QUOTES,
    SAYING_VERBS,
    SPOKESPEOPLE,
    SURNAMES,
    TOPICS,
    Country,
    countries,
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TARGET_WORDS = 500
EPOCH = datetime(2024, 1, 1, 6, tzinfo=UTC)


@dataclass(frozen=True)
class Official:
    country: Country
    title: str
    name: str

    @property
    def full(self) -> str:
        return f"{self.country.adjective} {self.title} {self.name}"

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class ArticleWriter:
    """Writes one article; `rng` decides everything, so the article is a function of the seed."""

    def __init__(self, rng: random.Random, published: datetime) -> None:
        self.rng = rng
        self.published = published
        nations = rng.sample(countries(), 6)
        surnames = rng.sample(SURNAMES, 6)
        self.cast = [
            Official(
                nation,
                rng.choice(LEADER_TITLES if i < 2 and rng.random() < 0.5 else MINISTER_TITLES),
                f"{rng.choice(FIRST_NAMES)} {surname}",
            )
            for i, (nation, surname) in enumerate(zip(nations, surnames, strict=True))
        ]
        self.words = {"n": 0}

    def day(self) -> str:
        """A past day relative to publication: "on Tuesday" (within the last six days) or "yesterday"."""
        back = self.rng.randint(1, 6)
        if back == 1 and self.rng.random() < 0.5:
            return "yesterday"
        return "on " + WEEKDAYS[(self.published.weekday() - back) % 7]

    def fill(self, template: str, speaker: Official, other: Official) -> str:
        return template.format(
            n=self.rng.randint(2, 60),
            other=other.country.name,
            country=speaker.country.name,
            topic=self.rng.choice(TOPICS),
        )

    def statements(self, speaker: Official, other: Official) -> list[str]:
        rng = self.rng
        quote = self.fill(rng.choice(DIRECT_QUOTES), speaker, other)
        clause = self.fill(rng.choice(INDIRECT_CLAUSES), speaker, other)
        out = [
            f"\u201c{quote},\u201d {speaker.surname} {rng.choice(['said', 'told reporters'])}.",
            f"{speaker.surname} {rng.choice(SAYING_VERBS)} that {clause}.",
        ]
        if rng.random() < 0.5:
            partial = rng.choice(PARTIAL_QUOTES)
            out.append(f"{other.surname} described the talks as \u201c{partial}\u201d.")
        return out

    def bilateral(self, host: Official, guest: Official) -> list[str]:
        topic = self.rng.choice(TOPICS)
        lead = self.rng.choice(
            [
                f"{host.full} held talks with {guest.full} in {host.country.capital} {self.day()}, "
                f"focusing on {topic}.",
                f"{host.full} received {guest.full} in {host.country.capital} {self.day()} "
                f"to discuss {topic}.",
            ]
        )
        return [lead, *self.statements(host, guest), *self.statements(guest, host)[:2]]

    def phone_call(self, caller: Official, callee: Official) -> list[str]:
        topic = self.rng.choice(TOPICS)
        return [
            f"{caller.name} also spoke by phone with {callee.full} {self.day()} about {topic}.",
            f"{callee.surname} said that {self.fill(self.rng.choice(INDIRECT_CLAUSES), callee, caller)}.",
        ]

    def sidelines(self, a: Official, b: Official, c: Official) -> list[str]:
        forum = self.rng.choice(FORUMS)
        return [
            f"{a.full} met {b.full} and {c.full} {self.day()} on the sidelines of {forum}.",
            *self.statements(b, a)[:1],
        ]

    def video(self, a: Official, b: Official) -> list[str]:
        return [f"{a.full} held a video conference with {b.full} {self.day()} on {self.rng.choice(TOPICS)}."]

    def planned(self, a: Official, b: Official) -> list[str]:
        return [f"{a.surname} is expected to visit {b.country.name} next month, officials said."]

    def spokesperson(self, about: Official, other: Official) -> list[str]:
        role = self.rng.choice(SPOKESPEOPLE)
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        clause = self.fill(self.rng.choice(INDIRECT_CLAUSES), about, other)
        return [f"{about.country.adjective} {role} {name} told reporters {self.day()} that {clause}."]

    def background(self, template: str, a: Official, b: Official) -> str:
        return template.format(
            c1=a.country.name,
            c2=b.country.name,
            n=self.rng.randint(2, 90),
            year=self.rng.randint(1950, 2005),
            later=self.published.year + self.rng.randint(3, 10),
        )

    def write(self) -> dict[str, Any]:
        rng = self.rng
        a, b, c, d, e, f = self.cast
        blocks = [self.bilateral(a, b), self.phone_call(a, c), self.sidelines(d, e, f)]
        extras = [
            self.video(b, d),
            self.planned(b, a),
            self.statements(c, a),
            self.spokesperson(a, b),
            self.statements(f, d),
        ]
        blocks += rng.sample(extras, rng.randint(2, len(extras)))
        paragraphs = [" ".join(blocks[0])] + [
            " ".join(block) for block in rng.sample(blocks[1:], len(blocks) - 1)
        ]
        words = sum(len(p.split()) for p in paragraphs)
        fillers = rng.sample(BACKGROUND, len(BACKGROUND))
        while words < TARGET_WORDS and fillers:
            sentence = self.background(fillers.pop(), *rng.sample(self.cast, 2))
            paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
            words += len(sentence.split())
        month_day = self.published.strftime("%B ") + str(self.published.day)
        dateline = f"{a.country.capital.upper()}, {month_day} ({rng.choice(AGENCIES)}) \u2013 "
        return {
            "title": f"{a.country.name} and {b.country.name} discuss {rng.choice(TOPICS)}",
            "body": dateline + "\n".join(paragraphs),
            "published_at": self.published.isoformat(),
            "source": "bilateral-bench",
        }


def generated_article(index: int, seed: int = 1) -> dict[str, Any]:
    """Article number `index` of the series `seed`: a dict shaped like a producer's JSON."""
    rng = random.Random(f"{seed}:{index}")
    published = EPOCH + timedelta(days=rng.randint(0, 640), minutes=rng.randint(0, 720))
    article = ArticleWriter(rng, published).write()
    article["url"] = f"https://news.example/{seed}/{index}"
    return article


def generated_articles(count: int, seed: int = 1, start: int = 0) -> list[dict[str, Any]]:
    return [generated_article(i, seed) for i in range(start, start + count)]


@dataclass(frozen=True)
class SampleReport:
    articles: int
    words_per_article: float
    meetings_per_article: float
    statements_per_article: float
    articles_without_meetings: int
    country_pairs: int

    def line(self) -> str:
        return (
            f"generated articles (sample of {self.articles}): {self.words_per_article:.0f} words, "
            f"{self.meetings_per_article:.1f} meetings and {self.statements_per_article:.1f} statements "
            f"per article as extracted; {self.country_pairs} distinct country pairs; "
            f"{self.articles_without_meetings} without a meeting"
        )


def sample_report(articles: list[dict[str, Any]]) -> SampleReport:
    """Run the real extractor over `articles`: proof that the generated text exercises it."""
    from services.normalize.domain import extract

    meetings, statements, pairs = [], [], set()
    for article in articles:
        found = extract(article["body"], datetime.fromisoformat(article["published_at"]), article["title"])
        meetings.append(len(found.meetings))
        statements.append(len(found.statements))
        for meeting in found.meetings:
            ordered = sorted(meeting.countries)
            pairs |= {(x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :]}
    return SampleReport(
        articles=len(articles),
        words_per_article=statistics.fmean(len(a["body"].split()) for a in articles),
        meetings_per_article=statistics.fmean(meetings),
        statements_per_article=statistics.fmean(statements),
        articles_without_meetings=sum(1 for m in meetings if m == 0),
        country_pairs=len(pairs),
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    articles = generated_articles(args.articles, args.seed)
    elapsed = time.perf_counter() - started
    print(f"generated {len(articles)} articles in {elapsed:.2f}s ({len(articles) / elapsed:.0f}/s)")
    print(sample_report(articles[: args.sample]).line())
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, article in enumerate(articles):
            path = args.out / f"bench-{args.seed}-{i:06d}.json"
            path.write_text(json.dumps(article, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {len(articles)} files to {args.out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("generate", help="generate benchmark articles and show what they contain")
    parser.add_argument("--articles", type=int, default=1000, help="how many to generate")
    parser.add_argument("--sample", type=int, default=200, help="how many to run the extractor over")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, help="also write them as JSON files (for `push`, `bench extract`)"
    )
    parser.set_defaults(run=run)
