"""The benchmark's article generator: deterministic, varied, and real work for the extractor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bilateral.bench._latency import percentile
from bilateral.bench.generate import generated_article, generated_articles, sample_report
from services.ingest.domain import accept
from shared.events import Article

pytestmark = pytest.mark.unit


def test_same_seed_and_index_give_the_same_article() -> None:
    assert generated_article(7, seed=3) == generated_article(7, seed=3)
    assert generated_article(7, seed=3) != generated_article(8, seed=3)
    assert generated_article(7, seed=3) != generated_article(7, seed=4)


def test_articles_are_about_five_hundred_words_and_distinct() -> None:
    articles = generated_articles(50)
    assert len({a["body"] for a in articles}) == 50
    assert all(400 <= len(a["body"].split()) <= 650 for a in articles)


def test_ingest_accepts_every_generated_article() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    for article in generated_articles(20, seed=9):
        fields = {k.encode(): str(v).encode() for k, v in article.items()}
        assert isinstance(accept(fields, now, 256 * 1024), Article)


def test_the_extractor_finds_several_meetings_and_statements_per_article() -> None:
    report = sample_report(generated_articles(30, seed=5))
    assert report.meetings_per_article >= 3
    assert report.statements_per_article >= 4
    assert report.articles_without_meetings == 0
    assert report.country_pairs >= 60


def test_percentile_is_a_value_that_occurred() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([5.0], 0.99) == 5.0
