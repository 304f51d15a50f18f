"""Shared helpers for the rule tests: extract one invented text, and pick out its attacks."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Article, Extraction, RuleExtractor
from conflictkg.loaders.facts import EventFact

CKG = "https://w3id.org/conflictkg/ontology#"
ENT = "https://w3id.org/conflictkg/id/"


def extract(text: str, lang: str = "en", published: dt.date | None = dt.date(2024, 6, 14)) -> Extraction:
    return RuleExtractor().extract(Article(id="t", text=text, language=lang, date_published=published))


def attacks(x: Extraction) -> list[EventFact]:
    return [e for e in x.events if e.cls.endswith(("Strike", "Attack", "Shelling", "Assault"))]
