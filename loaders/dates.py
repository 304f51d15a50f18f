"""Temporal expressions, resolved against the article's publication date.

Rules (documented in docs/extraction.md):
- explicit dates ("21 Desember 2024", "December 21, 2024", "(17/10/2022)", "(18/11)") are taken
  as written, a missing year from the publication date;
- a weekday ("Sabtu pagi", "hari Minggu", "on Friday") is the latest such day on or before the
  publication date, or the next one when the clause speaks of the future;
- a month alone ("pada bulan Januari") is the occurrence nearest the publication date; with a relative
  year after it ("Agustus tahun lalu") it is that month of that year;
- relative words ("kemarin", "last week", "tahun ini") are offsets from the publication date;
- "a day earlier", "sehari sebelumnya" is the day before the sentence's last date (or the publication date);
  "hours earlier", "beberapa jam sebelumnya" is that day;
- vague periods ("dalam beberapa bulan terakhir") and "sebelumnya"/"earlier" are kept as text and
  marked unresolved (with "before" the publication date for "earlier"). Nothing is guessed;
- a day and month without a year that would fall after the publication date is of the year before;
- "from Saturday into Sunday" (two days a range cue apart, one day apart) is the later day, as an
  overnight attack is dated by the morning it is reported; "from 1 to 9 October" is a period;
- a date right after a citation cue ("dikutip dari laman BBC, Minggu (19/11)") dates the report
  quoted, and is marked as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .lexicon import Match
from .quantities import parse_int_token
from .text import Token


@dataclass(frozen=True)
class DateValue:
    date: dt.date | None
    precision: str | None  # "day", "week", "month", "year"
    text: str
    before: dt.date | None = None
    period: bool = False  # the last day of a range of days ("from 1 to 9 October")
    citation: bool = False  # the date of a report quoted ("dilansir AFP, Kamis (6/7/2023)")

    @property
    def resolved(self) -> bool:
        return self.date is not None


@dataclass(frozen=True)
class DateExpr:
    first: int
    last: int
    value: DateValue


def _shift_month(d: dt.date, months: int) -> dt.date:
    idx = d.year * 12 + (d.month - 1) + months
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _yearless(published: dt.date | None, month: int, day: int) -> dt.date | None:
    """A day and month without a year: in the publication year, or the year before if that is later."""
    if published is None:
        return None
    d = _safe_date(published.year, month, day)
    if d is not None and d > published:
        d = _safe_date(published.year - 1, month, day)
    return d


def find_dates(
    tokens: list[Token], matches: list[Match], published: dt.date | None, future: bool = False
) -> list[DateExpr]:
    """All temporal expressions in a sentence, left to right."""
    by_first: dict[int, list[Match]] = {}
    for m in matches:
        by_first.setdefault(m.first, []).append(m)

    def cue(i: int, kind: str) -> Match | None:
        for m in by_first.get(i, []):
            if m.kind == f"cue:{kind}":
                return m
        return None

    def text(a: int, b: int) -> str:
        return " ".join(t.text for t in tokens[a:b])

    out: list[DateExpr] = []
    used: set[int] = set()

    def add(a: int, b: int, value: DateValue) -> None:
        out.append(DateExpr(a, b, value))
        used.update(range(a, b))

    n = len(tokens)
    for i in range(n):
        if i in used:
            continue
        tok = tokens[i].text
        for kind, days in (("DayBeforeCue", 1), ("SameDayCue", 0)):
            # "a day earlier" / "hours earlier": the day before / the day of this sentence's last date, or publication
            rel = cue(i, kind)
            if rel is None:
                continue
            anchor = next((d.value for d in reversed(out) if d.value.precision == "day" and d.value.date), None)
            base = anchor.date if anchor is not None else published
            if base is not None:
                add(i, rel.last, DateValue(base - dt.timedelta(days=days), "day", rel.text))
                break
        if i in used:
            continue
        # (17/10/2022) or (18/11): day/month[/year]
        if i + 2 < n and tokens[i + 1].text == "/" and tok.isdigit():
            day, month = int(tok), parse_int_token(tokens[i + 2].text)
            year: int | None = None
            b = i + 3
            if b + 1 < n and tokens[b].text == "/" and tokens[b + 1].text.isdigit():
                year, b = int(tokens[b + 1].text), b + 2
            if month:
                d = _safe_date(year, month, day) if year else _yearless(published, month, day)
                if d:
                    add(i, b, DateValue(d, "day", text(i, b)))
                    continue
        # 21 Desember 2024 / 21 December
        mon = cue(i + 1, "Month") if i + 1 < n else None
        if tok.isdigit() and 1 <= int(tok) <= 31 and mon is not None:
            b = mon.last
            year = None
            if b < n and len(tokens[b].text) == 4 and tokens[b].text.isdigit():
                year, b = int(tokens[b].text), b + 1
            d = _safe_date(year, int(mon.value), int(tok)) if year else _yearless(published, int(mon.value), int(tok))
            if d:
                add(i, b, DateValue(d, "day", text(i, b)))
                continue
        mc = cue(i, "Month")
        if mc is not None:
            m = mc
            b = m.last
            # December 21, 2024
            if b < n and tokens[b].text.isdigit() and int(tokens[b].text) <= 31:
                day = int(tokens[b].text)
                b += 1
                year = None
                if (
                    b + 1 < n
                    and tokens[b].text == ","
                    and len(tokens[b + 1].text) == 4
                    and tokens[b + 1].text.isdigit()
                ):
                    year, b = int(tokens[b + 1].text), b + 2
                d = _safe_date(year, int(m.value), day) if year else _yearless(published, int(m.value), day)
                if d:
                    add(i, b, DateValue(d, "day", text(i, b)))
                    continue
            if b < n and len(tokens[b].text) == 4 and tokens[b].text.isdigit():
                add(i, b + 1, DateValue(dt.date(int(tokens[b].text), int(m.value), 1), "month", text(i, b + 1)))
                continue
            ry = cue(b, "RelativeYear") if b < n else None
            if ry is not None and published is not None:  # "Agustus tahun lalu", "in March last year"
                year = published.year + int(ry.value)
                add(i, ry.last, DateValue(dt.date(year, int(m.value), 1), "month", text(i, ry.last)))
                continue
            add(i, b, _nearest_month(int(m.value), published, future, text(i, b)))
            continue
        w = cue(i, "Weekday")
        if w is not None:
            b = w.last
            part = cue(b, "DayPart") if b < n else None
            if part is not None:
                b = part.last
            # "Senin (17/10/2022)", "Friday, March 15": the explicit date that follows wins
            k = b + 1 if b < n and tokens[b].text in "(," else b
            if k + 1 < n and tokens[k].text.isdigit() and (tokens[k + 1].text == "/" or cue(k + 1, "Month")):
                continue
            if k < n and cue(k, "Month") is not None:
                continue
            if published is None:
                add(i, b, DateValue(None, None, text(i, b)))
            else:
                delta = (published.isoweekday() - int(w.value)) % 7
                d = published - dt.timedelta(days=delta)
                if future and delta:
                    d += dt.timedelta(days=7)
                add(i, b, DateValue(d, "day", text(i, b)))
            continue
        for kind, precision in (
            ("RelativeDay", "day"),
            ("RelativeWeek", "week"),
            ("RelativeMonth", "month"),
            ("RelativeYear", "year"),
        ):
            r = cue(i, kind)
            if r is None:
                continue
            off = int(r.value)
            if published is None:
                add(i, r.last, DateValue(None, None, r.text))
            elif precision == "day":
                add(i, r.last, DateValue(published + dt.timedelta(days=off), "day", r.text))
            elif precision == "week":
                monday = published - dt.timedelta(days=published.isoweekday() - 1)
                add(i, r.last, DateValue(monday + dt.timedelta(weeks=off), "week", r.text))
            elif precision == "month":
                add(i, r.last, DateValue(_shift_month(published.replace(day=1), off), "month", r.text))
            else:
                add(i, r.last, DateValue(dt.date(published.year + off, 1, 1), "year", r.text))
            break
        else:
            v = cue(i, "VaguePast")
            if v is not None:
                add(i, v.last, DateValue(None, None, v.text))
                continue
            e = cue(i, "EarlierCue")
            if e is not None:
                add(i, e.last, DateValue(None, None, e.text, before=published))
                continue
            # "tahun 2024", "in 2024"
            if (
                len(tok) == 4
                and tok.isdigit()
                and 1900 <= int(tok) <= 2100
                and i > 0
                and tokens[i - 1].lower in ("tahun", "in", "since", "sejak")
            ):
                add(i, i + 1, DateValue(dt.date(int(tok), 1, 1), "year", tok))
    out.sort(key=lambda d: d.first)
    return _ranges_and_citations(tokens, by_first, out)


def _ranges_and_citations(tokens: list[Token], by_first: dict[int, list[Match]], out: list[DateExpr]) -> list[DateExpr]:
    def kind_at(i: int, kind: str) -> Match | None:
        return next((m for m in by_first.get(i, []) if m.kind == f"cue:{kind}"), None)

    result: list[DateExpr] = []
    for e in out:
        value = e.value
        prev = result[-1] if result else None
        cue = kind_at(prev.last, "RangeCue") if prev is not None else None
        if prev is not None and cue is not None and cue.last == e.first and prev.value.date and value.date:
            gap = (value.date - prev.value.date).days
            if gap == 1 and prev.value.precision == value.precision == "day":  # "from Saturday into Sunday"
                result[-1] = DateExpr(prev.first, e.last, value)
                continue
        # "1 to 9 October 2022": a period ending on that day
        if e.first >= 2 and tokens[e.first - 2].text.isdigit() and kind_at(e.first - 1, "RangeCue"):
            value = DateValue(value.date, value.precision, value.text, value.before, period=True)
        cited = any(
            m.kind == "cue:CitationCue" and e.first - 8 <= m.last <= e.first
            for i in range(max(0, e.first - 9), e.first)
            for m in by_first.get(i, [])
        )
        if cited:
            value = DateValue(value.date, value.precision, value.text, value.before, value.period, citation=True)
        result.append(DateExpr(e.first, e.last, value))
    return result


def _nearest_month(month: int, published: dt.date | None, future: bool, text: str) -> DateValue:
    if published is None:
        return DateValue(None, None, text)
    options = [dt.date(published.year + k, month, 1) for k in (-1, 0, 1)]
    anchor = published.replace(day=1)

    def distance(d: dt.date) -> tuple[int, int]:
        months = (d.year - anchor.year) * 12 + d.month - anchor.month
        # on a tie, prefer the past unless the clause speaks of the future
        return abs(months), (0 if (months > 0) == future else 1)

    return DateValue(min(options, key=distance), "month", text)
