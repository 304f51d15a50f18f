"""Reading .txt, .json and .jsonl input, and the messages bad input gets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflictkg.loaders import ArticleError, read_articles


def test_txt_takes_metadata_from_options(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("Rusia menyerang Kharkiv pada hari Senin.\r\n", encoding="utf-8")
    (a,) = read_articles(p, lang="id", published="2024-05-20", url="https://example.org/a")
    assert a.id == "note" and a.language == "id" and a.url == "https://example.org/a"
    assert a.date_published == dt.date(2024, 5, 20)
    assert a.text == "Rusia menyerang Kharkiv pada hari Senin."


def test_json_fields(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(
        json.dumps(
            {
                "id": "x1",
                "language": "EN",
                "date_published": "2024-01-02",
                "url": None,
                "headline": "H",
                "publisher": "P",
                "text": "Some text.",
            }
        ),
        encoding="utf-8",
    )
    (a,) = read_articles(p)
    assert (a.id, a.language, a.headline, a.publisher, a.date_published) == ("x1", "en", "H", "P", dt.date(2024, 1, 2))


def test_jsonl_reports_the_bad_line_and_field(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "a", "text": "One."})
    bad = json.dumps({"id": "b", "text": "Two.", "date_published": "22/12/2024"})
    p.write_text(good + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        list(read_articles(p))
    assert str(err.value) == f"{p}:3: field 'date_published': not a date (YYYY-MM-DD): '22/12/2024'"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.json", "{not json", "invalid JSON"),
        ("a.json", json.dumps({"id": "a", "text": "   "}), "field 'text': missing or empty article text"),
        ("a.json", json.dumps([1, 2]), "expected a JSON object"),
        ("a.json", json.dumps({"id": 5, "text": "x"}), "field 'id': expected a string"),
        ("a.csv", "id,text", "unsupported file type '.csv'"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path: Path, name: str, content: str, expected: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        list(read_articles(p))
    assert str(err.value).startswith(str(p)) and expected in str(err.value)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        list(read_articles(tmp_path / "nope.json"))
    p = tmp_path / "latin1.txt"
    p.write_bytes("Kiev \xe9t\xe9".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        list(read_articles(p))


def test_content_hash_depends_on_text_and_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Text.", encoding="utf-8")
    (a,) = read_articles(p, published="2024-01-01")
    (b,) = read_articles(p, published="2024-01-02")
    (c,) = read_articles(p, published="2024-01-01")
    assert a.content_hash != b.content_hash and a.content_hash == c.content_hash
