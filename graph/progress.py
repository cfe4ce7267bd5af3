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

    The setting is global to the process, not per thread; the one before the
    block is restored when it ends, even by an exception.

    Parameters
    ----------
    on : bool
        Show progress lines (True) or not (False).

    Returns
    -------
    contextlib.AbstractContextManager
        A context manager for a ``with`` block.

    Raises
    ------
    Nothing: it only sets a flag.

    Examples
    --------
    >>> with enabled(False):
    ...     list(counted(range(2), "quiet"))
    [0, 1]
    >>> import io
    >>> out, ticks = io.StringIO(), iter([0.0, 5.0])
    >>> with enabled(False):  # 5 s in, but off
    ...     Progress("hidden", stream=out, clock=lambda: next(ticks)).update(1)
    >>> out.getvalue()
    ''
    """
    global _ON
    before, _ON = _ON, on
    try:
        yield
    finally:
        _ON = before


class Progress:
    """One step's progress line: ``update(done)`` as it goes, ``close()`` at the end (clears the line).

    Parameters
    ----------
    label : str
        What the step does (``reading memberships.csv``).
    total : int, optional
        How many items the step has: the line shows a percentage; without it,
        a count.
    stream : file-like, optional
        Where the line goes (default: standard error, as it is when the
        Progress is made).
    clock : callable, optional
        Seconds, as :func:`time.monotonic` gives them; the step starts when
        the Progress is made.
    """

    def __init__(self, label: str, total: int | None = None, *, stream=None, clock=time.monotonic):
        self.label, self.total = label, total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.last = None
        self.shown = False

    def update(self, done: int) -> None:
        """Show how far the step has got, if progress lines are on and the step has taken 2 s.

        The line is redrawn at most every 0.2 s, over itself (a carriage
        return, then the text cut or padded to 79 characters).

        Parameters
        ----------
        done : int
            How many items are done; with a ``total``, shown as a percentage
            (at most 100%).

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own: an error of writing to ``stream`` passes through.

        Examples
        --------
        >>> import io
        >>> out, ticks = io.StringIO(), iter([0.0, 1.0, 3.0])
        >>> with enabled():
        ...     bar = Progress("reading", total=4, stream=out, clock=lambda: next(ticks))
        ...     bar.update(1)  # at 1 s: not yet
        ...     bar.update(2)  # at 3 s
        >>> out.getvalue().strip()
        'reading: 50% (3 s)'
        >>> out, ticks = io.StringIO(), iter([0.0, 2.0])
        >>> with enabled():
        ...     Progress("writing", stream=out, clock=lambda: next(ticks)).update(12000)
        >>> out.getvalue().strip()
        'writing: 12,000 (2 s)'
        """
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
        """Clear the progress line, if one is shown (spaces over it, the cursor back at its start).

        Returns
        -------
        None

        Raises
        ------
        Nothing of its own: an error of writing to ``stream`` passes through.

        Examples
        --------
        >>> import io
        >>> out, ticks = io.StringIO(), iter([0.0, 5.0])
        >>> with enabled():
        ...     bar = Progress("reading", stream=out, clock=lambda: next(ticks))
        ...     bar.update(7)
        ...     bar.close()
        >>> out.getvalue().endswith("\\r" + " " * 79 + "\\r"), bar.shown
        (True, False)
        """
        if self.shown:
            self.stream.write("\r" + " " * _WIDTH + "\r")
            self.stream.flush()
            self.shown = False


def counted(items, label: str, total: int | None = None, every: int = 1000):
    """``items`` passed through, with a progress line counting them (checked every ``every`` items).

    The line (a :class:`Progress` on standard error) shows only where
    progress lines are on (:func:`enabled`) and once the items have taken 2 s;
    its clock starts when the first item is asked for. It is cleared when the
    items run out or raise, or when the generator is closed before its end.

    Parameters
    ----------
    items : iterable
    label : str
        What the step does (``writing nodes``).
    total : int, optional
        How many items there are: the line shows a percentage; without it, a count.
    every : int
        How often (in items) the line is updated (default 1000).

    Returns
    -------
    generator
        The items, in order.

    Raises
    ------
    ZeroDivisionError
        When ``every`` is 0, on the first item.

    Examples
    --------
    >>> list(counted(range(3), "writing"))
    [0, 1, 2]
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with enabled(), contextlib.redirect_stderr(err):
    ...     total = sum(counted(range(5000), "adding", total=5000))
    >>> total, err.getvalue()  # quicker than 2 s: no line
    (12497500, '')
    """
    bar = Progress(label, total)
    try:
        for done, item in enumerate(items, start=1):
            if done % every == 0:
                bar.update(done)
            yield item
    finally:
        bar.close()
