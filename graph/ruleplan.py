"""The fast reasoner's engine: a compiled schema (:class:`Plan`) applied to data grouped by predicate.

With only sub-class, sub-property, domain, range, inverse and transitive axioms, no rule except
transitivity has more than one instance triple in its body. So graph/fastinfer.py compiles the schema,
per predicate, into the predicates (and directions) its pairs are copied to and the classes its
subjects and objects get; here each rule is one set operation (in C) over all pairs of a predicate,
and only transitive predicates iterate, copying their new pairs on until nothing grows. Types come
last: no supported rule derives a property from a type.

Terms are string keys (N-Triples for IRIs and blank nodes, so ``s[0]`` tells an IRI ``<`` from a blank
node ``_``); whatever turns the data into keys also turns the result back.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Plan:
    """The compiled schema over string keys (see :func:`key`): what each predicate's and class's members entail."""

    rdf_type: str
    #: predicate -> (predicate, flipped) its pairs are copied to, through sub-properties and inverses
    reach: dict[str, tuple[tuple[str, bool], ...]]
    transitive: frozenset[str]
    #: class -> its strict super-classes
    supers: dict[str, frozenset[str]]
    #: predicate -> classes of its subjects (domains) and of its objects (ranges), super-classes included
    subject_types: dict[str, frozenset[str]]
    object_types: dict[str, frozenset[str]]
    drop_predicates: frozenset[str]
    drop_types: frozenset[str]
    #: vocabulary that makes a data triple a schema axiom (see SCHEMA_PREDICATES)
    schema_predicates: frozenset[str]
    schema_types: frozenset[str]

    def carries_schema(self, predicates: Iterable[str], classes: Iterable[str]) -> bool:
        return not (self.schema_predicates.isdisjoint(predicates) and self.schema_types.isdisjoint(classes))


def _transitive_additions(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The pairs the transitive closure of ``pairs`` adds (one search from each subject)."""
    succ: dict[str, list[str]] = {}
    for x, y in pairs:
        succ.setdefault(x, []).append(y)
    new: set[tuple[str, str]] = set()
    for x, first in succ.items():
        seen = set(first)
        todo = list(first)
        while todo:
            for z in succ.get(todo.pop(), ()):
                if z not in seen:
                    seen.add(z)
                    todo.append(z)
        new.update((x, z) for z in seen)
    return new - pairs


def _add(table: dict[str, set[K]], base: dict[str, set[K]], name: str, new: set[K]) -> bool:
    """Add ``new`` to ``table[name]``, copying the set first if it is still the caller's ``base`` one."""
    current = table.get(name)
    if current is None:
        current = table[name] = set()
    elif current is base.get(name):
        current = table[name] = set(current)
    before = len(current)
    current |= new
    return len(current) != before


def saturate(
    plan: Plan, by_pred: dict[str, set[tuple[str, str]]], types: dict[str, set[str]]
) -> tuple[dict[str, set[tuple[str, str]]], dict[str, set[str]]]:
    """Every entailed (subject, object) pair per predicate and member per class, asserted ones included.

    ``by_pred`` (rdf:type excluded) and ``types`` (class -> members) are the asserted triples; they are
    not modified (an entry of the result is the input's own set where nothing was added to it).
    """
    pairs: dict[str, set[tuple[str, str]]] = dict(by_pred)
    members: dict[str, set[str]] = dict(types)
    reach, transitive = plan.reach, plan.transitive

    def copy_on(p: str, new: set[tuple[str, str]]) -> None:
        """Copy ``new`` pairs of ``p`` to every predicate they entail; queue transitive ones that grew."""
        back: set[tuple[str, str]] | None = None
        for q, flipped in reach.get(p, ()):
            if flipped and back is None:
                back = {(o, s) for s, o in new}
            grew = _add(pairs, by_pred, q, back if flipped and back is not None else new)
            if grew and q in transitive and q not in pending:
                pending.append(q)

    pending: list[str] = [p for p in transitive if p in pairs]
    for p, ps in by_pred.items():
        copy_on(p, ps)
    while pending:
        p = pending.pop()
        new = _transitive_additions(pairs[p])
        if new:
            _add(pairs, by_pred, p, new)
            copy_on(p, new)
    for c, ms in types.items():
        for d in plan.supers.get(c, ()):
            _add(members, types, d, ms)
    for p, ps in pairs.items():
        if p in plan.subject_types:
            subjects = {s for s, _ in ps}
            for d in plan.subject_types[p]:
                _add(members, types, d, subjects)
        if p in plan.object_types:
            objects = {o for _, o in ps}
            for d in plan.object_types[p]:
                _add(members, types, d, objects)
    return pairs, members


def derived(
    plan: Plan, by_pred: dict[str, set[tuple[str, str]]], types: dict[str, set[str]], keep: set[str]
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, set[str]]]:
    """The entailments that are not asserted, about IRI subjects in ``keep``, minus what owlrl's filter drops:
    new (subject, object) pairs per predicate and new members per class (whole sets, for bulk formatting)."""
    pairs, members = saturate(plan, by_pred, types)
    new_pairs: dict[str, list[tuple[str, str]]] = {}
    for p, ps in pairs.items():
        base = by_pred.get(p)
        if ps is base or p in plan.drop_predicates:
            continue
        new = [(s, o) for s, o in (ps - base if base is not None else ps) if s in keep and o[0] != "_"]
        if new:
            new_pairs[p] = new
    new_members: dict[str, set[str]] = {}
    for c, ms in members.items():
        base_members = types.get(c)
        if ms is base_members or c in plan.drop_types or c[0] == "_":
            continue
        new_subjects = (ms - base_members if base_members is not None else ms) & keep
        if new_subjects:
            new_members[c] = new_subjects
    return new_pairs, new_members
