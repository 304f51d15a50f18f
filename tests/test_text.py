"""Sentence splitting, tokens, numbers and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.loaders.dates import find_dates
from conflictkg.loaders.lexicon import default_lexicon
from conflictkg.loaders.quantities import number_at, parse_int_token
from conflictkg.loaders.text import split_sentences, tokenize


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "The U.S. sent aid on Jan. 5. Officials said 1.000 homes were hit.\n“No one died,” he said. Done"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. sent aid on Jan. 5.",
        "Officials said 1.000 homes were hit.",
        "“No one died,” he said.",
        "Done",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]


def test_tokens_split_possessives_and_keep_hyphens() -> None:
    assert [t.text for t in tokenize("Russia's Tu-22M3, 1,200")] == ["Russia", "'", "s", "Tu-22M3", ",", "1,200"]


@pytest.mark.parametrize(("text", "value"), [("190", 190), ("1.000", 1000), ("12,500", 12500), ("3.5", None)])
def test_digits(text: str, value: int | None) -> None:
    assert parse_int_token(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("enam drone", 6),
        ("tiga orang", 3),
        ("dua puluh tiga", 23),
        ("tiga ratus ribu", 300000),
        ("seventeen people", 17),
        ("190 ribu", 190000),
        ("tidak ada korban", 0),
    ],
)
def test_numbers_in_words(text: str, value: int) -> None:
    toks = tokenize(text)
    found = number_at(toks, default_lexicon().match(toks), 0)
    assert found is not None and found[0] == value


PUB = dt.date(2024, 12, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Pada Sabtu pagi, drone menabrak", dt.date(2024, 12, 21), "day"),
        ("pada hari Minggu", dt.date(2024, 12, 22), "day"),
        ("on Wednesday night", dt.date(2024, 12, 18), "day"),
        ("pada bulan Januari", dt.date(2025, 1, 1), "month"),
        ("in October", dt.date(2024, 10, 1), "month"),
        ("kemarin", dt.date(2024, 12, 21), "day"),
        ("last week", dt.date(2024, 12, 9), "week"),
        ("tahun ini", dt.date(2024, 1, 1), "year"),
        ("bulan lalu", dt.date(2024, 11, 1), "month"),
        ("pada 5 Maret 2023", dt.date(2023, 3, 5), "day"),
        ("on December 3, 2022", dt.date(2022, 12, 3), "day"),
        ("sejak Senin (17/10/2022)", dt.date(2022, 10, 17), "day"),
        ("in 2023", dt.date(2023, 1, 1), "year"),
    ],
)
def test_dates_resolve_against_publication(text: str, date: dt.date, precision: str) -> None:
    toks = tokenize(text)
    found = find_dates(toks, default_lexicon().match(toks), PUB)
    assert found, text
    best = max(found, key=lambda d: d.value.precision == "day")
    assert (best.value.date, best.value.precision) == (date, precision)


def test_vague_and_earlier_are_left_unresolved() -> None:
    for text in ("dalam beberapa bulan terakhir", "Putin sebelumnya mengancam"):
        toks = tokenize(text)
        (d,) = find_dates(toks, default_lexicon().match(toks), PUB)
        assert d.value.date is None and d.value.text
    toks = tokenize("earlier")
    (d,) = find_dates(toks, default_lexicon().match(toks), PUB)
    assert d.value.before == PUB


def test_weekday_without_publication_date_is_unresolved() -> None:
    toks = tokenize("on Saturday")
    (d,) = find_dates(toks, default_lexicon().match(toks), None)
    assert d.value.date is None and d.value.text == "Saturday"
