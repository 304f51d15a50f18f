"""One article in, N-Quads out: extraction, mapping, validation and inference as a pure function.

This is the unit of parallel work for ``conflictkg load --workers N`` (a process pool) and for
``conflictkg extract --dask`` (a Dask cluster). It never touches the store: it returns the
article's asserted and inferred graphs as N-Quads text, and the parent (or whoever loads the
shards) writes them. Expensive set-up (lexicon, compiled schema, compiled shapes) is done once per
process and kept in :data:`_STATE`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rdflib import Graph

from conflictkg.graph import fastinfer, infer
from conflictkg.graph import validate as _validate
from conflictkg.graph.store import inferred_graph_for
from conflictkg.graph.terms import ntriples
from conflictkg.loaders import Article, Extractor, RuleExtractor, graph_iri, to_graph
from conflictkg.ontology import ONTOLOGY_FILE
from conflictkg.ontology import load as load_reference

REASONERS = ("fast", "owlrl")
VALIDATORS = ("fast", "pyshacl")


@dataclass
class LoadOutcome:
    """What happened to one article (or one bad record)."""

    source: str
    article_id: str
    graph: str
    status: str  # "loaded", "unchanged", "rejected" (violates the shapes), "failed" (raised), "bad" (input)
    triples: int = 0
    inferred: int = 0
    seconds: float = 0.0
    findings: list[_validate.Finding] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Options:
    """How articles are processed; sent once to every worker process."""

    validate: bool = True
    validator: str = "fast"  # "fast": shapes compiled to SPARQL in Oxigraph; "pyshacl": the reference
    reasoner: str = "fast"  # "fast": compiled OWL RL subset; "owlrl": the reference
    extractor: Extractor | None = None  # None: the rule-based extractor
    curation: str | None = None  # Turtle of curator decisions (docs/curation.md), applied before validation

    def check(self) -> None:
        if self.reasoner not in REASONERS:
            raise ValueError(f"unknown reasoner {self.reasoner!r}: use fast or owlrl")
        if self.validator not in VALIDATORS:
            raise ValueError(f"unknown validator {self.validator!r}: use fast or pyshacl")


@dataclass
class Processed:
    """A worker's answer: the outcome, and the quads to write when the article is to be loaded."""

    outcome: LoadOutcome
    content_hash: str
    nquads: str = ""


class _Pipeline:
    def __init__(self, options: Options):
        options.check()
        self.options = options
        self.extractor: Extractor = options.extractor or RuleExtractor()
        self.schema = load_reference(ONTOLOGY_FILE)
        self.compiled = fastinfer.CompiledSchema(self.schema) if options.reasoner == "fast" else None
        self.curation: Graph | None = None
        if options.curation:
            self.curation = Graph().parse(data=options.curation, format="turtle")
        self.validator = None
        if options.validate and options.validator == "fast":
            from conflictkg.graph.validate_scale import ArticleValidator

            self.validator = ArticleValidator()

    def validate(self, data: Graph, name: str, nt: str) -> _validate.Report:
        if self.validator is not None:
            return self.validator.validate(data, name, nt=nt)
        return _validate.validate_graph(data, name)  # looked up at call time: tests may replace it

    def infer(self, data: Graph) -> Graph:
        if self.compiled is not None:
            return fastinfer.closure(data, self.schema, compiled=self.compiled)
        return infer.closure(data, self.schema)


_STATE: dict[tuple[object, ...], _Pipeline] = {}


def pipeline(options: Options) -> _Pipeline:
    """This process's pipeline for ``options``, built on first use.

    Keyed by value, not identity: each Dask task unpickles its own copy of the options.
    """
    ex = options.extractor
    key = (
        options.validate,
        options.validator,
        options.reasoner,
        None if ex is None else (type(ex), ex.name),
        options.curation,
    )
    found = _STATE.get(key)
    if found is None:
        _STATE.clear()
        found = _STATE[key] = _Pipeline(options)
    return found


def as_nquads(nt: str, graph: str) -> str:
    """N-Triples lines (as :func:`conflictkg.graph.terms.ntriples` writes them) placed in ``graph``."""
    suffix = f" <{graph}> .\n"
    return "".join(line[:-2] + suffix for line in nt.splitlines() if line.endswith(" ."))


def process(article: Article, options: Options) -> Processed:
    """Extract, map, validate and infer one article; never raises (a failure is an outcome)."""
    t0 = time.perf_counter()
    p = pipeline(options)
    gname = ""
    outcome = LoadOutcome(article.source, article.id, gname, "loaded")
    result = Processed(outcome, article.content_hash)
    try:
        extraction = p.extractor.extract(article)
        outcome.graph = gname = str(graph_iri(extraction))
        outcome.messages = list(extraction.messages)
        data = to_graph(extraction)
        if p.curation is not None:
            from conflictkg.graph.curation import apply_curation

            data = apply_curation(data, p.curation)
        outcome.triples = len(data)
        nt = ntriples(data)
        if options.validate:
            report = p.validate(data, gname, nt)
            outcome.findings = report.findings
            if not report.conforms:
                outcome.status = "rejected"
        if outcome.status == "loaded":
            inferred = p.infer(data)
            outcome.inferred = len(inferred)
            result.nquads = as_nquads(nt, gname) + as_nquads(ntriples(inferred), inferred_graph_for(gname))
    except Exception as exc:  # one article's failure must not stop a corpus load
        outcome.status = "failed"
        outcome.messages.append(f"{type(exc).__name__}: {exc}")
        result.nquads = ""
    outcome.seconds = time.perf_counter() - t0
    return result


def process_chunk(articles: list[Article], options: Options) -> list[Processed]:
    """:func:`process` over a few articles: one task, so one round trip, per chunk."""
    return [process(a, options) for a in articles]


def shard_text(processed: list[Processed]) -> str:
    """The loadable articles as an N-Quads shard, each after its header (see conflictkg.sources)."""
    from conflictkg.sources import SHARD_HEADER

    parts = []
    for r in processed:
        if r.outcome.status == "loaded" and r.nquads:
            source = " ".join(r.outcome.source.split())
            parts.append(f"{SHARD_HEADER}{r.content_hash} {r.outcome.graph} {source}\n{r.nquads}")
    return "".join(parts)
