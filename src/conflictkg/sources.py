"""Reading a corpus of any size for bulk loading: files, folders, .jsonl streams and N-Quads shards.

Unlike :func:`conflictkg.loaders.read_articles`, which stops at the first bad line, this reader
goes on: a record that cannot be read becomes a :class:`BadRecord` naming its file and line, and
the caller decides whether to stop (``--strict``). Everything is streamed: a .jsonl file is read
line by line, never whole, so memory does not grow with the corpus.

Shards (``*.nq``, written by ``conflictkg extract``) hold articles that were already extracted,
validated and closed under inference; each article's quads follow a header comment
``# conflictkg-article <content hash> <graph IRI> <source>``, so that an article is loaded (or
skipped) as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictkg.graph.store import ARTICLE_PREFIX
from conflictkg.loaders import Article, ArticleError, read_articles
from conflictkg.loaders.articles import article_from_record

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl")
SHARD_SUFFIX = ".nq"
SHARD_HEADER = "# conflictkg-article "


@dataclass(frozen=True)
class BadRecord:
    """Input that is not an article: unreadable file, invalid JSON, a missing field."""

    error: ArticleError

    @property
    def source(self) -> str:
        """The file, or file:line."""
        e = self.error
        return e.path if e.line is None else f"{e.path}:{e.line}"

    @property
    def message(self) -> str:
        return str(self.error)


@dataclass(frozen=True)
class ShardArticle:
    """One article's quads (asserted and inferred graphs) read from an N-Quads shard."""

    source: str
    content_hash: str
    graph: str
    nquads: str


Item = Article | BadRecord | ShardArticle


def graph_name_for(article: Article) -> str:
    """The article's graph IRI, known before extraction (the mapping derives it from the content hash)."""
    return f"{ARTICLE_PREFIX}{article.content_hash[:16]}"


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the article files and shards of each folder (sorted, not recursive)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            wanted = (*ARTICLE_SUFFIXES, SHARD_SUFFIX)
            yield from sorted(x for x in path.iterdir() if x.is_file() and x.suffix.lower() in wanted)
        else:
            yield path


def missing(paths: Iterable[str | Path]) -> list[str]:
    """The paths that do not exist (a usage error, reported before anything is loaded)."""
    return [str(p) for p in paths if not Path(p).exists()]


def read_items(
    paths: Iterable[str | Path], *, lang: str | None = None, published: str | None = None, url: str | None = None
) -> Iterator[Item]:
    """Every article, bad record and shard article of the inputs, in order, streamed."""
    for path in expand(paths):
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl(path)
        elif suffix == SHARD_SUFFIX:
            yield from read_shard(path)
        else:
            try:
                yield from read_articles(path, lang=lang, published=published, url=url)
            except ArticleError as exc:
                yield BadRecord(exc)


def _jsonl(path: Path) -> Iterator[Article | BadRecord]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield BadRecord(ArticleError(path, f"cannot read ({exc.strerror})"))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadRecord(ArticleError(path, f"not UTF-8 text ({exc.reason})", number))
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRecord(ArticleError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", number))
                continue
            try:
                yield article_from_record(data, path, number)
            except ArticleError as exc:
                yield BadRecord(exc)


def read_shard(path: Path) -> Iterator[ShardArticle | BadRecord]:
    """The articles of one shard; quads before the first header, or a header without quads, are bad."""
    header: list[str] | None = None
    lines: list[str] = []
    start = 0

    def flush() -> Iterator[ShardArticle | BadRecord]:
        if header is None:
            if lines:
                yield BadRecord(ArticleError(path, f"quads before the first '{SHARD_HEADER.strip()}' header", 1))
        elif not lines:
            yield BadRecord(ArticleError(path, "article header without quads", start))
        else:
            source = header[2] if len(header) > 2 else f"{path}:{start}"
            yield ShardArticle(source, header[0], header[1], "".join(lines))

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(SHARD_HEADER):
                yield from flush()
                header = line[len(SHARD_HEADER) :].rstrip("\n").split(" ", 2)
                lines, start = [], number
            elif line.strip() and not line.startswith("#"):
                lines.append(line if line.endswith("\n") else line + "\n")
    yield from flush()


def count_items(paths: Iterable[str | Path]) -> int:
    """How many records the inputs hold, cheaply (lines of .jsonl, headers of shards), for an ETA."""
    total = 0
    for path in expand(paths):
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            total += _count(path, b"\n", b"", ends=True)
        elif suffix == SHARD_SUFFIX:
            total += _count(path, b"\n" + SHARD_HEADER.encode(), b"\n", ends=False)
        else:
            total += 1
    return total


def _count(path: Path, needle: bytes, before: bytes, ends: bool) -> int:
    """Occurrences of ``needle`` in ``before`` + the file, read in chunks (+1 for an unterminated last line)."""
    n, tail, last = 0, before, b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                data = tail + chunk
                n += data.count(needle)
                tail, last = data[-(len(needle) - 1) :] if len(needle) > 1 else b"", chunk[-1:]
    except OSError:
        return 1
    return n + (1 if ends and last not in (b"", b"\n") else 0)
