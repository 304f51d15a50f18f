"""Sentence splitting and tokenisation that keep character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words (with inner hyphens/apostrophes), numbers with thousands separators, or single symbols.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:-\w+)*|[^\w\s]", re.UNICODE)
# Abbreviations that end in a full stop without ending a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "etc",
    "jl",
    "kol",
}
_OPEN_QUOTES = "“\"«‘'"
_CLOSE_QUOTES = "”\"»’'"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    paragraph: int = 0


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def _is_boundary(text: str, i: int) -> bool:
    """True when the full stop / ? / ! at text[i] ends a sentence."""
    ch = text[i]
    if ch == "." and i + 1 < len(text) and text[i + 1].isdigit():
        return False  # 1.000
    j = i + 1
    while j < len(text) and text[j] in _CLOSE_QUOTES:
        j += 1
    if j < len(text) and not text[j].isspace():
        return False
    k = j
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text):
        return True
    nxt = text[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPEN_QUOTES):
        return False
    if ch == ".":
        m = re.search(r"(\w+)\.$", text[max(0, i - 12) : i + 1])
        if m:
            word = m.group(1)
            if word.lower() in _ABBREV or (len(word) == 1 and word.isupper()):
                return False
        if re.search(r"\b(?:[A-Z]\.){1,3}$", text[max(0, i - 8) : i + 1]):
            return False  # U.S. / U.N.
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split paragraphs (newlines) into sentences, keeping offsets into ``text``."""
    sentences: list[Sentence] = []
    para_start = 0
    for paragraph, para in enumerate(text.split("\n")):
        start = para_start
        para_start += len(para) + 1
        s = 0
        for i, ch in enumerate(para):
            if ch in ".?!" and _is_boundary(para, i):
                e = i + 1
                while e < len(para) and para[e] in _CLOSE_QUOTES:
                    e += 1
                _add(sentences, text, start + s, start + e, paragraph)
                s = e
        _add(sentences, text, start + s, start + len(para), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    chunk = text[start:end]
    sentences.append(Sentence(len(sentences), start, end, chunk, tokenize(chunk, start), paragraph))
