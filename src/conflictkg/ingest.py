"""Bulk loading: stream a corpus through worker processes into the store, in batches.

The parent process reads the input (:mod:`conflictkg.sources`), skips articles already stored
with the same content hash (one indexed lookup per batch of input, so no set of the whole store
is kept), hands the rest to a pool of worker processes (:func:`conflictkg.worker.process`: one
article in, N-Quads out) and writes their answers, one transaction per batch of articles. At most
``workers * INFLIGHT_PER_WORKER`` chunks are in flight, so memory does not grow with the corpus.

Each article is still stored entirely or not at all: an article that fails validation or raises
is left out of its batch and reported. An interrupted load keeps every batch committed before the
interruption; running it again skips those articles (same hash) and loads the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from pathlib import Path

from conflictkg.graph.bulk import BatchWriter
from conflictkg.graph.store import Store, inferred_graph_for
from conflictkg.loaders import Article, ArticleError
from conflictkg.sources import BadRecord, Item, ShardArticle, graph_name_for, read_items
from conflictkg.worker import LoadOutcome, Options, Processed, pipeline, process, process_chunk

LOOKUP_SIZE = 256  # input records per stored-hash lookup
CHUNK_SIZE = 4  # articles per task sent to a worker
INFLIGHT_PER_WORKER = 8  # chunks queued per worker: keeps workers busy while the parent collects
SMALL = 8  # an input of at most this many records is processed in the parent: starting workers costs more
FLUSH_SECONDS = 10.0  # commit at least this often, so that an interruption loses little


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


_OPTIONS: Options | None = None


def _init_worker(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the pool
    pipeline(options)  # build the lexicon, schema and shapes once, before the first task


def _run_chunk(articles: list[Article]) -> list[Processed]:
    assert _OPTIONS is not None
    return process_chunk(articles, _OPTIONS)


class _Loader:
    def __init__(self, store: Store, options: Options, workers: int, batch_size: int, strict: bool):
        self.store, self.options, self.workers, self.strict = store, options, workers, strict
        self.writer: BatchWriter[tuple[LoadOutcome, str]] = BatchWriter(store, batch_size, FLUSH_SECONDS)
        self.pool: ProcessPoolExecutor | None = None
        self.inflight: dict[Future[list[Processed]], None] = {}
        self.pending: set[str] = set()  # content hashes handed out but not yet written
        self.stored: dict[str, str] = {}  # graph -> stored hash, for the current lookup window
        self.replacing: set[str] = set()  # graphs stored with another hash: dropped when rewritten
        self.chunk: list[Article] = []

    # ------------------------------------------------------------------ input side
    def run(self, items: Iterator[Item]) -> Iterator[LoadOutcome]:
        try:
            while window := list(islice(items, LOOKUP_SIZE)):
                if self.workers > 1 and self.pool is None and (len(window) == LOOKUP_SIZE or len(window) > SMALL):
                    ctx = multiprocessing.get_context("spawn")  # fork would copy the parent's RocksDB threads
                    self.pool = ProcessPoolExecutor(
                        self.workers, ctx, initializer=_init_worker, initargs=(self.options,)
                    )
                self.stored = self.store.stored_hashes(sorted({_graph(x) for x in window if _graph(x)}))
                for item in window:
                    yield from self.take(item)
                yield from self.send(final=False)
            yield from self.send(final=True)
            yield from self.finish()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.writer.close()  # an interrupted load still commits the batches already complete

    def take(self, item: Item) -> Iterator[LoadOutcome]:
        if isinstance(item, BadRecord):
            yield LoadOutcome(item.source, "", "", "bad", messages=[item.message])
            if self.strict:  # what was read before the bad record is still processed and committed
                yield from self.send(final=True)
                yield from self.finish()
                raise item.error
            return
        gname = _graph(item)
        h = item.content_hash
        if self.stored.get(gname) == h or h in self.pending:
            yield LoadOutcome(item.source, getattr(item, "id", ""), gname, "unchanged")
            return
        self.pending.add(h)
        if gname in self.stored:
            self.replacing.add(gname)
        if isinstance(item, ShardArticle):
            outcome = LoadOutcome(item.source, "", gname, "loaded")
            outcome.triples = item.nquads.count(f"<{gname}> .\n")
            outcome.inferred = item.nquads.count(f"<{inferred_graph_for(gname)}> .\n")
            yield from self.accept(Processed(outcome, h, item.nquads))
            return
        self.chunk.append(item)
        if len(self.chunk) >= CHUNK_SIZE:
            yield from self.send(final=False)

    def send(self, final: bool) -> Iterator[LoadOutcome]:
        """Hand the current chunk to a worker (or process it here); collect what is done."""
        chunk, self.chunk = self.chunk, []
        if chunk and self.pool is None:
            for r in process_chunk(chunk, self.options):
                yield from self.accept(r)
        elif chunk and self.pool is not None:
            self.inflight[self.pool.submit(_run_chunk, chunk)] = None
        limit = 0 if final else self.workers * INFLIGHT_PER_WORKER
        while len(self.inflight) > limit:
            done, _ = wait(list(self.inflight), return_when=FIRST_COMPLETED)
            for fut in done:
                del self.inflight[fut]
                for r in fut.result():
                    yield from self.accept(r)
            yield from self.committed(self.writer.committed())

    # ------------------------------------------------------------------ output side
    def accept(self, r: Processed) -> Iterator[LoadOutcome]:
        o = r.outcome
        if o.status != "loaded":
            self.pending.discard(r.content_hash)
            yield o
            if self.strict and o.status == "failed":
                yield from self.finish()
                raise ArticleError(o.source, "; ".join(o.messages))
            return
        replace = [o.graph, inferred_graph_for(o.graph)] if o.graph in self.replacing else None
        self.writer.add((o, r.content_hash), r.nquads, replace)
        yield from self.committed(self.writer.committed())

    def committed(self, done: list[tuple[LoadOutcome, str]]) -> Iterator[LoadOutcome]:
        for o, h in done:
            self.pending.discard(h)
            self.replacing.discard(o.graph)
            yield o

    def finish(self) -> Iterator[LoadOutcome]:
        """Commit everything buffered and wait for it (at the end, or before stopping)."""
        yield from self.committed(self.writer.close())


def _graph(item: Item) -> str:
    if isinstance(item, Article):
        return graph_name_for(item)
    if isinstance(item, ShardArticle):
        return item.graph
    return ""


def load_iter(
    store: Store,
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    published: str | None = None,
    url: str | None = None,
    options: Options | None = None,
    workers: int = 1,
    batch_size: int = 64,
    strict: bool = False,
) -> Iterator[LoadOutcome]:
    """Load articles and shards, yielding each outcome as it is final (loaded: once committed).

    ``workers`` > 1 runs extraction, validation and inference in that many processes. ``strict``
    stops at the first bad record or failed article (raising :class:`ArticleError`) after committing
    what was done; otherwise they are reported as outcomes ("bad", "failed") and the load goes on.
    """
    opts = options or Options()
    opts.check()
    loader = _Loader(store, opts, max(1, workers), batch_size, strict)
    yield from loader.run(read_items(paths, lang=lang, published=published, url=url))


__all__ = ["LoadOutcome", "Options", "default_workers", "load_iter", "process"]
