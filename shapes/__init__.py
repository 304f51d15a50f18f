"""SHACL shapes for the graphs ConflictKG writes, shipped as package data.

- ``article.ttl``: every class the loaders emit into an article graph.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph

SHAPE_FILES = ("article.ttl",)


@cache
def _parsed(name: str) -> Graph:
    g = Graph()
    g.parse(data=files(__name__).joinpath(name).read_text(encoding="utf-8"), format="turtle")
    return g


def load(*names: str) -> Graph:
    """A fresh graph with the named shapes files (all by default)."""
    out = Graph()
    for name in names or SHAPE_FILES:
        for t in _parsed(name):
            out.add(t)
    return out
