"""ConflictKG: news about armed conflict, as a validated and queryable RDF knowledge graph."""

__version__ = "0.1.0"
