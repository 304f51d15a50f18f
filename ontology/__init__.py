"""The ConflictKG ontology, lexicon and gazetteer, shipped as package data (Turtle).

- ``conflictkg.ttl``: the OWL ontology (classes, properties, controlled values).
- ``lexicon.ttl``: the loader's trigger words and cues, as SKOS hidden labels.
- ``gazetteer.ttl``: reference actors, places, roles and weapon types.
- ``mappings.ttl``: the event types mapped to CAMEO, PLOVER and ACLED codes.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Namespace

CKG = Namespace("https://w3id.org/conflictkg/ontology#")
LEX = Namespace("https://w3id.org/conflictkg/lexicon#")
ENT = Namespace("https://w3id.org/conflictkg/id/")
ONTOLOGY_IRI = "https://w3id.org/conflictkg/ontology"

ONTOLOGY_FILE = "conflictkg.ttl"
LEXICON_FILE = "lexicon.ttl"
GAZETTEER_FILE = "gazetteer.ttl"
MAPPINGS_FILE = "mappings.ttl"
REFERENCE_FILES = (ONTOLOGY_FILE, LEXICON_FILE, GAZETTEER_FILE, MAPPINGS_FILE)


def files_path(name: str) -> Path:
    """A filesystem path to one data file (the package is installed as plain files)."""
    return Path(str(files(__name__).joinpath(name)))


def read_text(name: str) -> str:
    """The text of one data file of this package."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> Graph:
    g = Graph()
    g.parse(data=read_text(name), format="turtle")
    return g


def load(*names: str) -> Graph:
    """A fresh graph holding the named data files (all reference files by default)."""
    out = Graph()
    for name in names or REFERENCE_FILES:
        for triple in _parsed(name):
            out.add(triple)
    return out
