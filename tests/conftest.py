"""Shared fixtures. The dev articles are read from ../shared/articles, never copied in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictkg import api
from conflictkg.graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO_ARTICLE = ROOT / "demo" / "kazan-drone-attack.id.json"
SHARED_ARTICLES = ROOT.parent / "shared" / "articles"


@pytest.fixture(scope="session")
def seed_store() -> Iterator[Store]:
    """An in-memory store holding the demo (seed) article."""
    store = api.open_store()
    outcomes = api.load(store, [DEMO_ARTICLE])
    assert [o.status for o in outcomes] == ["loaded"]
    yield store


@pytest.fixture(scope="session")
def shared_articles() -> Path:
    if not SHARED_ARTICLES.is_dir():
        pytest.fail(f"the dev articles are expected at {SHARED_ARTICLES} (../shared beside the repository)")
    return SHARED_ARTICLES
