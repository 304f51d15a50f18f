"""Screens: cheap proofs that a compiled check has no result, so that store-wide validation runs
the exact check only where something may be wrong.

At 1M triples a compiled check costs 0.2 to 1 s in Oxigraph (joins cost 3 to 15 µs a row), and
there are ~140 of them. Counting is much cheaper: a scan with COUNT(DISTINCT) costs under 1 µs a
row and needs no join. Each screen compares counts of sets read by :class:`.store_view.AssertedView`,
e.g. for ``sh:minCount 1`` on path P: the focus nodes are all subjects of P exactly when
``|focus ∪ subjects(P)| = |subjects(P)|``. The sets are supersets of what the exact check looks at
(values of every subject, not only of focus nodes), so a clear screen proves the exact check would
find nothing; a screen that is not clear proves nothing, and the exact check runs. Verdicts are
therefore those of the compiled checks, whatever the screens say (tests/test_scale_validation.py
runs every fixture with and without screens).

Sets and counts are named by what they mean (:data:`SetKey`), so two checks that need the same one
share one query; the queries of one store are independent and run on a thread pool.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .compiled_checks import VALUE_TESTS, Check, Member, Path, focus_nodes, violation_test
from .store_view import AssertedView, UnsupportedView

SetKey = tuple[str, object]  # ("targets", targets) | ("subjects", path) | ("objects", path) | ("instances", class)
_COUNTS = ("MinCountConstraintComponent", "MaxCountConstraintComponent")


@dataclass
class Screens:
    """The screens of a list of checks: the counting queries they need and, once run, which checks are clear."""

    view: AssertedView
    queries: dict[str, str] = field(default_factory=dict)  # probe name -> SPARQL returning one row
    _tests: dict[str, list[str]] = field(default_factory=dict)  # path SPARQL -> value tests counted in its stats
    _paths: dict[str, Path] = field(default_factory=dict)
    _rules: dict[int, Callable[[dict[str, float]], bool]] = field(default_factory=dict)

    def plan(self, checks: list[Check]) -> None:
        """Decide each check's screen (a check without one is simply run); then write the queries."""
        for i, check in enumerate(checks):
            try:
                rule = self._rule(check)
            except UnsupportedView:  # e.g. a blank-node sub-class: no screen, the check runs (its own way)
                continue
            if rule is not None:
                self._rules[i] = rule
        for key, path in self._paths.items():
            sums = "".join(
                f" (SUM(COALESCE(IF({t}, 1, 0), 0)) AS ?t{j})" for j, t in enumerate(self._tests.get(key, []))
            )
            try:
                values = self.view.triple("?x", path, "?value")
            except UnsupportedView:
                continue  # the checks that needed these figures are not cleared
            self.queries[f"stats {key}"] = (
                f"SELECT (COUNT(*) AS ?rows) (COUNT(DISTINCT ?x) AS ?subjects){sums} WHERE {{ {values} }}"
            )

    def clear(self, index: int, results: dict[str, dict[str, float]]) -> bool:
        """True when check ``index`` has a screen and the screen proves it finds nothing."""
        rule = self._rules.get(index)
        if rule is None:
            return False
        flat = {f"{q} {var}": n for q, row in results.items() for var, n in row.items()}
        try:
            return rule(flat)
        except KeyError:  # a probe that could not be written
            return False

    # -------------------------------------------------------------- probes

    def _union(self, *keys: SetKey) -> str:
        """The probe counting the distinct nodes of the union of these sets; returns its result name."""
        name = "union " + " | ".join(sorted(repr(k) for k in keys))
        if name not in self.queries:
            parts = " UNION ".join("{ " + self._set(k) + " }" for k in sorted(keys, key=repr))
            self.queries[name] = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {parts} }}"
        return name + " n"

    def _set(self, key: SetKey) -> str:
        kind, what = key
        if kind == "targets":
            return focus_nodes(what, self.view, "?x")  # type: ignore[arg-type]
        if kind == "instances":
            return self.view.instance("?x", str(what))
        assert isinstance(what, Path)
        if kind == "subjects":
            return self.view.triple("?x", what, "[]")
        return self.view.triple("[]", what, "?x")

    def _stat(self, path: Path, name: str) -> str:
        """A figure of the path's stats probe: "rows", "subjects", or a value test (its result name)."""
        self._paths[path.sparql] = path
        if name in ("rows", "subjects"):
            return f"stats {path.sparql} {name}"
        tests = self._tests.setdefault(path.sparql, [])
        if name not in tests:
            tests.append(name)
        return f"stats {path.sparql} t{tests.index(name)}"

    def _count(self, name: str, where: str) -> str:
        self.queries.setdefault(name, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return name + " n"

    # -------------------------------------------------------------- rules

    def _rule(self, c: Check) -> Callable[[dict[str, float]], bool] | None:
        targets: SetKey = ("targets", c.targets)
        if c.component == "SPARQLConstraintComponent":
            return None
        if c.prop is None:  # node-level sh:or: every focus node is in the union of the members' sets
            members = _sets(c.members)
            if members is None:
                return None
            a, b = self._union(targets, *members), self._union(*members)
            return lambda r: r[a] == r[b]
        p = c.prop
        if c.component in _COUNTS:
            return self._count_rule(c, targets, p)
        if c.component in VALUE_TESTS:
            t = self._stat(p, c.test)
            return lambda r: r[t] == 0
        if c.component == "ClassConstraintComponent" or (c.component == "OrConstraintComponent" and _sets(c.members)):
            members = [("instances", cls) for cls in c.classes] if c.classes else _sets(c.members) or []
            a, b = self._union(("objects", p), *members), self._union(*members)
            return lambda r: r[a] == r[b]
        if c.component == "OrConstraintComponent":
            where = f"{self.view.triple('?x', p, '?value')} FILTER({violation_test(c, self.view)})"
            t = self._count(f"or {p.sparql} {c.shape}", where)
            return lambda r: r[t] == 0
        if c.component == "LessThanConstraintComponent":
            # two DISTINCT sub-selects: Oxigraph hash-joins them (3x faster than a lookup per row at 1M)
            mine = f"{{ SELECT DISTINCT ?x ?value WHERE {{ {self.view.triple('?x', p, '?value')} }} }}"
            theirs = self.view.triple("?x", Path("iri", c.other), "?other")
            other = f"{{ SELECT DISTINCT ?x ?other WHERE {{ {theirs} }} }}"
            where = f"{mine} {other} FILTER(!COALESCE(?value < ?other, false))"
            t = self._count(f"lessThan {p.sparql} {c.other}", where)
            return lambda r: r[t] == 0
        return None

    def _count_rule(self, c: Check, targets: SetKey, p: Path) -> Callable[[dict[str, float]], bool] | None:
        if c.component.startswith("Min"):
            if c.count <= 0:
                return lambda r: True  # fewer than 0 values: impossible
            if c.count > 1:
                return None
            a, b = self._union(targets, ("subjects", p)), self._stat(p, "subjects")
            return lambda r: r[a] == r[b]
        if c.count >= 1:  # no subject has two values: nobody has more than count
            rows, subjects = self._stat(p, "rows"), self._stat(p, "subjects")
            return lambda r: r[rows] == r[subjects]
        both, t, s = self._union(targets, ("subjects", p)), self._union(targets), self._stat(p, "subjects")
        return lambda r: r[both] == r[t] + r[s]  # maxCount 0: no focus node has a value


def _sets(members: tuple[Member, ...]) -> list[SetKey] | None:
    """The sh:or members as sets whose union a conforming node is in, if each is a single class or a path."""
    out: list[SetKey] = []
    for m in members:
        if len(m.classes) == 1 and m.path is None and not m.datatypes:
            out.append(("instances", m.classes[0]))
        elif m.path is not None and not m.classes and not m.datatypes:
            out.append(("subjects", m.path))
        else:
            return None
    return out
