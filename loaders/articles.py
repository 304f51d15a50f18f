"""Reading articles from .txt, .json and .jsonl files.

Every problem is reported as an :class:`ArticleError` that names the file, and the line and field
where there is one, so that a user can fix the input without reading a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("id", "language", "date_published", "url", "headline", "publisher", "text")


class ArticleError(ValueError):
    """Bad input: the message names the file, and the line and field where known."""

    def __init__(self, path: str | Path, message: str, line: int | None = None, field: str | None = None):
        where = str(path)
        if line is not None:
            where += f":{line}"
        if field is not None:
            where += f": field '{field}'"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.field = field


@dataclass(frozen=True)
class Article:
    """One article as read from a file, before extraction."""

    id: str
    text: str
    language: str | None = None
    date_published: dt.date | None = None
    url: str | None = None
    headline: str | None = None
    publisher: str | None = None
    source: str = ""

    @property
    def content_hash(self) -> str:
        """SHA-256 over the normalised text and the metadata that changes what is extracted.

        The article's IRI derives from this, so the same content always gives the same IRIs and a
        changed text or date gives a new article graph.
        """
        parts = [
            self.id,
            self.language or "",
            self.date_published.isoformat() if self.date_published else "",
            self.url or "",
            self.headline or "",
            self.publisher or "",
            self.text,
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """NFC-normalise and unify line endings; offsets in the graph refer to this text."""
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").strip()


def _parse_date(value: object, path: str | Path, line: int | None, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleError(path, f"expected a date YYYY-MM-DD, got {type(value).__name__}", line, field)
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ArticleError(path, f"not a date (YYYY-MM-DD): {value!r}", line, field) from None


def _opt_str(record: dict[str, object], key: str, path: str | Path, line: int | None) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(path, f"expected a string, got {type(value).__name__}", line, key)
    return value.strip() or None


def article_from_record(
    record: object, path: str | Path, line: int | None = None, default_id: str | None = None
) -> Article:
    """Validate one JSON object and turn it into an :class:`Article`."""
    if not isinstance(record, dict):
        raise ArticleError(path, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(path, "missing or empty article text", line, "text")
    ident = _opt_str(record, "id", path, line) or default_id
    if not ident:
        raise ArticleError(path, "missing article id", line, "id")
    language = _opt_str(record, "language", path, line)
    return Article(
        id=ident,
        text=normalise_text(text),
        language=language.lower() if language else None,
        date_published=_parse_date(record.get("date_published"), path, line, "date_published"),
        url=_opt_str(record, "url", path, line),
        headline=_opt_str(record, "headline", path, line),
        publisher=_opt_str(record, "publisher", path, line),
        source=str(path) if line is None else f"{path}:{line}",
    )


def read_articles(
    path: str | Path,
    *,
    lang: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Iterator[Article]:
    """Yield the articles in one file.

    ``.txt`` files hold one article; ``lang``, ``published`` and ``url`` supply its metadata.
    ``.json`` holds one object, ``.jsonl`` one object per line. The options override nothing in
    JSON input except where the record leaves the field empty.
    """
    p = Path(path)
    if not p.exists():
        raise ArticleError(p, "no such file")
    suffix = p.suffix.lower()
    try:
        raw = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(p, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    overrides: dict[str, object] = {"language": lang, "date_published": published, "url": url}
    if suffix == ".txt":
        record: dict[str, object] = {"id": _stem_id(p), "text": raw}
        record.update({k: v for k, v in overrides.items() if v})
        yield article_from_record(record, p)
    elif suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ArticleError(p, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
        if isinstance(data, dict):
            for k, v in overrides.items():
                if v and not data.get(k):
                    data[k] = v
        yield article_from_record(data, p, default_id=_stem_id(p))
    elif suffix == ".jsonl":
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleError(p, f"invalid JSON: {exc.msg} (column {exc.colno})", number) from None
            yield article_from_record(data, p, number)
    else:
        raise ArticleError(p, f"unsupported file type {suffix!r}: use .txt, .json or .jsonl")


def _stem_id(p: Path) -> str:
    name = p.name
    for suffix in (".json", ".jsonl", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name
