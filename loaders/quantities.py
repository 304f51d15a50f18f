"""Numbers in digits and words ("190", "1.000", "enam", "dua puluh", "tiga ratus ribu")."""

from __future__ import annotations

import re

from .lexicon import Match
from .text import Token

_DIGITS = re.compile(r"^\d+(?:[.,]\d{3})*$")


def parse_int_token(text: str) -> int | None:
    """Digits with optional thousands separators ("1.000", "1,000"); decimals are not counts."""
    if not _DIGITS.match(text):
        return None
    return int(re.sub(r"[.,]", "", text))


def number_at(tokens: list[Token], matches: list[Match], i: int) -> tuple[int, int] | None:
    """The number that starts at token ``i``: (value, index after it), or None.

    Reads digits, number words and multipliers from the lexicon ("dua puluh" is a number word;
    "tiga ratus" is 3 x 100; "190 ribu" is 190 x 1000).
    """
    words = {m.first: m for m in matches if m.kind == "cue:NumberWord"}
    mults = {m.first: m for m in matches if m.kind == "cue:NumberMultiplier"}
    value: int | None = None
    j = i
    if j < len(tokens):
        digits = parse_int_token(tokens[j].text)
        if digits is not None:
            value, j = digits, j + 1
        elif j in words:
            m = words[j]
            value, j = int(m.value), m.last
    if value is None:
        return None
    while j in mults:
        value *= int(mults[j].value)
        j = mults[j].last
    # "dua puluh tiga" style continuations: a smaller number word right after
    if j in words and int(words[j].value) < 10 and value >= 10 and value % 10 == 0:
        value += int(words[j].value)
        j = words[j].last
    return value, j


def number_ending_before(
    tokens: list[Token], matches: list[Match], end: int, skip: set[int]
) -> tuple[int, int, int] | None:
    """The number that ends just before token ``end``, skipping tokens in ``skip``.

    Returns (value, first token, after-last token).
    """
    k = end
    while k - 1 >= 0 and (k - 1) in skip:
        k -= 1
    for start in range(max(0, k - 4), k):
        found = number_at(tokens, matches, start)
        if found and found[1] == k:
            return found[0], start, k
    return None
