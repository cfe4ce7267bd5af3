"""A progress line for slow steps: on standard error, only on a terminal, only once a step has taken 2 s.

The command line switches it on when standard error is a terminal; the
library alone (a notebook, a script, the tests) never prints one.

>>> import io
>>> ticks = iter([0.0, 2.5, 3.0])
>>> out = io.StringIO()
>>> with enabled(True):
...     bar = Progress("reading memberships.csv", total=4, stream=out, clock=lambda: next(ticks))
...     bar.update(2)
...     bar.close()
>>> out.getvalue().split("\\r")[1].strip()
'reading memberships.csv: 50% (2 s)'
"""
from __future__ import annotations

import contextlib
import sys
import time

__all__ = ["Progress", "enabled", "counted"]

_ON = False
#: A step shows its progress once it has taken this long (seconds), and redraws at most this often.
DELAY, EVERY = 2.0, 0.2
_WIDTH = 79


@contextlib.contextmanager
def enabled(on: bool = True):
    """Progress lines on (or off) inside the block (the command line turns them on when stderr is a terminal).

    >>> with enabled(False):
    ...     list(counted(range(2), "quiet"))
    [0, 1]
    """
    global _ON
    before, _ON = _ON, on
    try:
        yield
    finally:
        _ON = before


class Progress:
    """One step's progress line: ``update(done)`` as it goes, ``close()`` at the end (clears the line)."""

    def __init__(self, label: str, total: int | None = None, *, stream=None, clock=time.monotonic):
        self.label, self.total = label, total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.last = None
        self.shown = False

    def update(self, done: int) -> None:
        if not _ON:
            return
        now = self.clock()
        if now - self.start < DELAY or (self.last is not None and now - self.last < EVERY):
            return
        self.last = now
        amount = f"{min(done / self.total, 1):.0%}" if self.total else f"{done:,}"
        text = f"{self.label}: {amount} ({now - self.start:.0f} s)"[:_WIDTH]
        self.stream.write("\r" + text.ljust(_WIDTH))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * _WIDTH + "\r")
            self.stream.flush()
            self.shown = False


def counted(items, label: str, total: int | None = None, every: int = 1000):
    """``items`` passed through, with a progress line counting them (checked every ``every`` items).

    >>> list(counted(range(3), "writing"))
    [0, 1, 2]
    """
    bar = Progress(label, total)
    try:
        for done, item in enumerate(items, start=1):
            if done % every == 0:
                bar.update(done)
            yield item
    finally:
        bar.close()
