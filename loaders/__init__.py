"""Loaders: read articles and map what they state into RDF that follows the ontology.

Loaders know only the ontology's terms (``conflictkg.ontology``); storing, validating, inferring
and querying live in ``conflictkg.graph``.
"""

from .articles import Article, ArticleError, read_articles
from .extract import Extractor, RuleExtractor
from .facts import Extraction
from .mapping import article_iri, graph_iri, to_graph

__all__ = [
    "Article",
    "ArticleError",
    "Extraction",
    "Extractor",
    "RuleExtractor",
    "article_iri",
    "graph_iri",
    "read_articles",
    "to_graph",
]
