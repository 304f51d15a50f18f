"""Batched, transactional writes to the store from a background thread.

The bulk loader's parent process has two jobs: keep the worker processes fed, and write their
N-Quads. A transactional write of a batch of 64 articles takes about a second on disk, and
pyoxigraph releases the GIL while it writes, so writing from a thread lets the parent keep reading
input and collecting results meanwhile. At most ``queue_size`` batches wait for the writer, so
memory stays bounded; each batch is one transaction (all of its articles or none).
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Generic, TypeVar

from .store import Store

T = TypeVar("T")

#: Oxigraph keeps written data in RocksDB memtables until a flush: without one every ~100k quads,
#: the loader's memory grows by ~20 MB per batch (774 MB after 40 batches; 135 MB with flushes).
FLUSH_QUADS = 100_000
_STOP = object()


class BatchWriter(Generic[T]):
    """Collects (item, N-Quads) pairs into batches and commits each batch in one transaction.

    :meth:`committed` returns the items whose batch is in the store. Call :meth:`close` at the end
    (it waits for the queued batches); an error of the writer is raised by the next call.
    """

    def __init__(self, store: Store, batch_size: int = 64, max_seconds: float = 10.0, queue_size: int = 2):
        self.store, self.batch_size, self.max_seconds = store, max(1, batch_size), max_seconds
        self._parts: list[str] = []
        self._replace: list[str] = []
        self._items: list[T] = []
        self._last = time.monotonic()
        self._todo: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._done: queue.Queue[list[T]] = queue.Queue()
        self._error: BaseException | None = None
        self._unflushed = 0
        self._thread = threading.Thread(target=self._run, name="conflictkg-writer", daemon=True)
        self._thread.start()

    def add(self, item: T, nquads: str, replace: list[str] | None = None) -> None:
        """Buffer one article; graphs in ``replace`` are dropped in the same transaction."""
        self._raise()
        self._parts.append(nquads)
        self._items.append(item)
        self._replace += replace or []
        if len(self._items) >= self.batch_size or time.monotonic() - self._last > self.max_seconds:
            self.submit()

    def submit(self) -> None:
        """Hand the buffered articles to the writer as one batch (blocks while two batches wait)."""
        self._raise()
        if self._items:
            self._todo.put(("".join(self._parts), self._replace, self._items))
        self._parts, self._replace, self._items, self._last = [], [], [], time.monotonic()

    def committed(self) -> list[T]:
        """Items written since the last call (non-blocking)."""
        self._raise()
        out: list[T] = []
        while True:
            try:
                out += self._done.get_nowait()
            except queue.Empty:
                return out

    def close(self) -> list[T]:
        """Write what is buffered, wait for the writer, and return the items not yet reported."""
        if self._thread.is_alive():
            try:
                self.submit()
            finally:
                self._todo.put(_STOP)
                self._thread.join()
        self.store.flush()
        return self.committed()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while True:
            job = self._todo.get()
            if job is _STOP:
                return
            if self._error is not None:
                continue  # after a failed write, drop the rest: the caller sees the error
            assert isinstance(job, tuple)
            text: str = job[0]
            replace: list[str] = job[1]
            items: list[T] = job[2]
            try:
                self.store.write_nquads(text, replace)
                self._unflushed += text.count("\n")
                if self._unflushed >= FLUSH_QUADS:
                    self.store.flush()
                    self._unflushed = 0
            except BaseException as exc:  # reported to the caller's thread
                self._error = exc
                continue
            self._done.put(items)
