"""A one-line progress bar on stderr: articles done, rate and ETA; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.2


def _duration(seconds: float) -> str:
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Progress:
    """Counts outcomes by status and redraws at most five times a second.

    ``total`` may be None (unknown): the bar then shows the count and rate only. Other output
    to the same stream should go through :meth:`note`, which clears the bar line first.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.counts: Counter[str] = Counter()
        self.done = 0
        self.start = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, status: str) -> None:
        self.done += 1
        self.counts[status] += 1
        now = time.monotonic()
        if self.enabled and now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now if now is not None else time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        parts = []
        if self.total:
            frac = min(self.done / self.total, 1.0)
            filled = int(frac * BAR_WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} articles {frac:4.0%}")
        else:
            parts.append(f"{self.done} articles")
        parts.append(f"{rate:.1f}/s")
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        shown = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return "  ".join(parts) + (f"  ({shown})" if shown else "")

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def note(self, text: str) -> None:
        """Print a line (a problem report) without garbling the bar."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0
            self._drawn = 0.0
        self.stream.write(text + "\n")

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
