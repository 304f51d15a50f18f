"""The extractor interface, and the rule-based extractor behind it.

Any object with ``name`` and ``extract(article) -> Extraction`` can stand in for
:class:`RuleExtractor` (a spaCy pipeline or a language model, say); :mod:`.mapping` turns any
:class:`~conflictkg.loaders.facts.Extraction` into RDF.
"""

from __future__ import annotations

from typing import Protocol

from .articles import Article
from .discourse import Discourse
from .facts import Extraction
from .language import detect_language
from .lexicon import Lexicon, default_lexicon
from .rules import SentenceRules, finish
from .text import split_sentences
from .view import SentenceView

VERSION = "1"


class Extractor(Protocol):
    name: str

    def extract(self, article: Article) -> Extraction: ...


class RuleExtractor:
    """Lexicon-driven rules over sentences; see docs/extraction.md."""

    name = f"conflictkg-rules/{VERSION}"

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or default_lexicon()

    def extract(self, article: Article) -> Extraction:
        language = article.language or detect_language(article.text)
        sentences = split_sentences(article.text)
        out = Extraction(article, language, sentences, self.name)
        lexicon = self.lexicon.for_article()
        disc = Discourse(lexicon)
        events_known = language in self.lexicon.trigger_languages
        if not events_known:
            out.messages.append(
                f"{article.source or article.id}: no event lexicon for language '{language}'; "
                "entities and dates are extracted, events are not guessed"
            )
        for sentence in sentences:
            rules = SentenceRules(SentenceView(sentence, lexicon, language), lexicon, disc, out)
            if events_known:
                rules.run()
            else:
                rules.entities_only()
        finish(disc, out)
        out.provisional.update(lexicon.provisional)
        return out
