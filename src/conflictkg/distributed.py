"""Extraction on a Dask cluster: articles in, N-Quads shards out, loaded later with ``conflictkg load DIR``.

Extraction, validation and inference of one article are a pure function of the article
(:func:`conflictkg.worker.process`), so a corpus can be cut into partitions and processed anywhere:
a ``dask.distributed`` LocalCluster of worker processes on this machine, or any Dask deployment
(dask-jobqueue on SLURM, Kubernetes, SSH) given its scheduler address. Each partition becomes one
shard ``part-NNNNN.nq``, written by the client (workers need no shared file system) under a temporary
name and renamed when complete, so a shard on disk is always whole. Re-running skips the shards that
exist, so an interrupted extraction resumes. See docs/scale.md.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from conflictkg.loaders import Article
from conflictkg.sources import BadRecord, ShardArticle, read_items
from conflictkg.worker import LoadOutcome, Options, process_chunk, shard_text

INFLIGHT_PER_WORKER = 2


def extract_partition(articles: list[Article], options: Options) -> tuple[str, list[LoadOutcome]]:
    """Run on a Dask worker: the partition's shard text, and every article's outcome."""
    processed = process_chunk(articles, options)
    return shard_text(processed), [r.outcome for r in processed]


def shard_path(out_dir: Path, index: int) -> Path:
    return out_dir / f"part-{index:05d}.nq"


def _partitions(items: Iterator[Any], size: int) -> Iterator[tuple[list[Article], list[LoadOutcome]]]:
    """Partitions of ``size`` articles, each with the bad records read on the way."""
    while True:
        articles: list[Article] = []
        bad: list[LoadOutcome] = []
        for item in islice(items, size):
            if isinstance(item, Article):
                articles.append(item)
            elif isinstance(item, BadRecord):
                bad.append(LoadOutcome(item.source, "", "", "bad", messages=[item.message]))
            elif isinstance(item, ShardArticle):
                bad.append(LoadOutcome(item.source, "", item.graph, "bad", messages=["already a shard: load it"]))
        if not articles and not bad:
            return
        yield articles, bad


def _dask() -> Any:
    """dask.distributed, imported when used (it is untyped, and only extraction on a cluster needs it)."""
    return importlib.import_module("dask.distributed")


def _client(address: str | None, workers: int) -> Any:
    dd = _dask()
    if address:
        return dd.Client(address)
    cluster = dd.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    return dd.Client(cluster)


def extract(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    address: str | None = None,
    workers: int = 2,
    partition_size: int = 200,
    options: Options | None = None,
    lang: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Iterator[LoadOutcome]:
    """Extract every article into shards in ``out_dir``, yielding outcomes as partitions finish.

    ``address`` is a Dask scheduler ("tcp://host:8786"); without it a LocalCluster of ``workers``
    processes is started and stopped here. Partitions whose shard exists are skipped (no outcomes).
    """
    wait = _dask().wait
    opts = options or Options()
    opts.check()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    client = _client(address, workers)
    try:
        cap = INFLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        inflight: dict[Any, int] = {}
        items = read_items(paths, lang=lang, published=published, url=url)
        for index, (articles, bad) in enumerate(_partitions(items, max(1, partition_size))):
            yield from bad
            if articles and not shard_path(out, index).exists():
                inflight[client.submit(extract_partition, articles, opts, pure=False)] = index
            while len(inflight) >= cap:
                yield from _collect(wait(list(inflight), return_when="FIRST_COMPLETED").done, inflight, out)
        while inflight:
            yield from _collect(wait(list(inflight), return_when="FIRST_COMPLETED").done, inflight, out)
    finally:
        cluster = client.cluster if not address else None
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(done: Iterable[Any], inflight: dict[Any, int], out: Path) -> Iterator[LoadOutcome]:
    for fut in done:
        index = inflight.pop(fut)
        text, outcomes = fut.result()
        final = shard_path(out, index)
        tmp = final.with_suffix(".nq.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, final)
        yield from outcomes
