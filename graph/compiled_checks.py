"""Compiled SHACL constraints (:class:`Check`) and how they are written as SPARQL (:func:`render`).

:mod:`.shapes_sparql` compiles ``shapes/article.ttl`` into these; a :class:`Check` keeps the
constraint's structure (targets, path tree, bounds, classes) besides its plain SPARQL, because the
store-wide validator writes the same check differently: :func:`render` takes a :class:`Dialect`,
which decides how "instance of a class" and "a triple along a path" are written (graph/store_view.py
reads the asserted graphs of a store in place). The plain dialect gives :attr:`Check.sparql`, which
reads whatever the query's default graph is.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
_INSTANCE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_PATH_KINDS = (
    (SH.inversePath, "inverse", "^({})"),
    (SH.zeroOrMorePath, "zeroOrMore", "({})*"),
    (SH.oneOrMorePath, "oneOrMore", "({})+"),
    (SH.zeroOrOnePath, "zeroOrOne", "({})?"),
)
VALUE_TESTS = (
    "DatatypeConstraintComponent",
    "PatternConstraintComponent",
    "MinInclusiveConstraintComponent",
    "MaxInclusiveConstraintComponent",
    "MinExclusiveConstraintComponent",
    "MaxExclusiveConstraintComponent",
    "MinLengthConstraintComponent",
    "MaxLengthConstraintComponent",
    "InConstraintComponent",
)


@dataclass(frozen=True)
class Path:
    """A SHACL property path as a tree: ``iri`` (a predicate, written ``<...>``) or an operator over ``parts``."""

    kind: str  # "iri", "inverse", "sequence", "alternative", "zeroOrMore", "oneOrMore", "zeroOrOne"
    iri: str = ""
    parts: tuple[Path, ...] = ()

    @property
    def sparql(self) -> str:
        if self.kind == "iri":
            return self.iri
        inner = [p.sparql for p in self.parts]
        if self.kind == "sequence":
            return "(" + "/".join(inner) + ")"
        if self.kind == "alternative":
            return "(" + "|".join(inner) + ")"
        return next(t for _, k, t in _PATH_KINDS if k == self.kind).format(inner[0])

    def predicates(self) -> set[str]:
        return {self.iri} if self.kind == "iri" else set().union(*(p.predicates() for p in self.parts))


@dataclass(frozen=True)
class Member:
    """One member of an ``sh:or`` list: the conjunction of its classes, path (sh:minCount 1) and datatypes."""

    classes: tuple[str, ...] = ()
    path: Path | None = None
    datatypes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """One compiled constraint, what a result of it reports, and its structure (for :func:`render`)."""

    sparql: str
    shape: str  # sh:sourceShape as pyshacl gives it: the property shape, or the node shape
    component: str  # e.g. "MinCountConstraintComponent"
    path: str  # the sh:path node as text ("" for node-level constraints)
    severity: str  # "Violation", "Warning" or "Info"
    messages: tuple[tuple[str, str], ...]  # (language, text)
    value_is_focus: bool = False  # node-level constraints report the focus node as sh:value
    targets: tuple[tuple[str, str], ...] = ()  # ("class" | "subjectsOf" | "objectsOf" | "node", term as N3)
    prop: Path | None = None  # the property path (property shapes)
    count: int = 0  # the bound of sh:minCount / sh:maxCount
    test: str = ""  # value tests (VALUE_TESTS): a SPARQL expression on ?value, true for a violation
    classes: tuple[str, ...] = ()  # sh:class
    members: tuple[Member, ...] = ()  # sh:or
    other: str = ""  # sh:lessThan: the other property
    select: str = ""  # SPARQL-based constraints: the SELECT, $this written ?this
    prefixes: str = ""  # ... and the PREFIX lines it needs


class Dialect:
    """How a check reads the data. This one: plain SPARQL over whatever the default graph is."""

    def instance(self, var: str, cls: str, bound: bool = False) -> str:
        """A group body true when ``var`` is a SHACL instance of ``cls`` (``bound``: ``var`` is already bound)."""
        return f"{var} {_INSTANCE} {cls} ."

    def triple(self, subject: str, path: Path, obj: str) -> str:
        """A group body matching ``subject`` ``path`` ``obj``."""
        return f"{subject} {path.sparql} {obj} ."


PLAIN = Dialect()


def focus_nodes(targets: tuple[tuple[str, str], ...], dialect: Dialect, var: str = "?this") -> str:
    """A group pattern binding ``var`` to each focus node of a shape with these targets (once each)."""
    parts = []
    for kind, term in targets:
        if kind == "class":
            parts.append("{ " + dialect.instance(var, term) + " }")
        elif kind == "subjectsOf":
            parts.append("{ " + dialect.triple(var, Path("iri", term), "[]") + " }")
        elif kind == "objectsOf":
            parts.append("{ " + dialect.triple("[]", Path("iri", term), var) + " }")
        else:
            parts.append(f"{{ VALUES {var} {{ {term} }} }}")
    return f"{{ SELECT DISTINCT {var} WHERE {{ " + " UNION ".join(parts) + " } }"


def condition(members: tuple[Member, ...], var: str, dialect: Dialect) -> str:
    """A SPARQL boolean expression: ``var`` conforms to at least one member of an sh:or list."""
    alternatives = []
    for m in members:
        parts = [f"EXISTS {{ {dialect.instance(var, c, bound=True)} }}" for c in m.classes]
        if m.path is not None:
            parts.append(f"EXISTS {{ {dialect.triple(var, m.path, '[]')} }}")
        parts += [f"(isLiteral({var}) && DATATYPE({var}) = {dt})" for dt in m.datatypes]
        alternatives.append("(" + " && ".join(parts) + ")")
    return "(" + " || ".join(alternatives) + ")"


def violation_test(check: Check, dialect: Dialect) -> str:
    """For a value-level check: the expression on ?value that holds when ?value violates it."""
    if check.component == "ClassConstraintComponent":
        return f"NOT EXISTS {{ {dialect.instance('?value', check.classes[0], bound=True)} }}"
    if check.component == "OrConstraintComponent":
        return "!" + condition(check.members, "?value", dialect)
    return check.test


def render(check: Check, dialect: Dialect = PLAIN) -> str:
    """The check's SELECT of ?this (and ?value), written in ``dialect``."""
    focus = focus_nodes(check.targets, dialect)
    if check.component == "SPARQLConstraintComponent":
        value = "" if check.value_is_focus else "?value "
        return f"{check.prefixes}\nSELECT DISTINCT ?this {value}WHERE {{ {focus} {{ {check.select} }} }}"
    if check.prop is None:  # node-level sh:or
        return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!{condition(check.members, '?this', dialect)}) }}"
    values = dialect.triple("?this", check.prop, "?value")
    if check.component in ("MinCountConstraintComponent", "MaxCountConstraintComponent"):
        op = "<" if check.component.startswith("Min") else ">"
        return (
            f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {op} {check.count})"
        )
    if check.component == "LessThanConstraintComponent":
        other = dialect.triple("?this", Path("iri", check.other), "?other")
        return (
            f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} {other} "
            "FILTER(!COALESCE(?value < ?other, false)) }"
        )
    return f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER({violation_test(check, dialect)}) }}"


def message(check: Check, lang: str) -> str:
    """The check's message in ``lang``, else English or untagged, else any (as graph/validate.py does)."""
    for want in (lang, "en", ""):
        for tag, text in check.messages:
            if tag == want:
                return text
    return check.messages[0][1] if check.messages else ""
