"""Writing files atomically: a temporary file beside the target, then a rename.

A run that fails leaves the user's existing file untouched and no
half-written file behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import PartnergraphError

__all__ = ["write_atomic", "OutputError", "default_mode"]


class OutputError(PartnergraphError, OSError):
    """An output file cannot be written where the user asked."""


def write_atomic(path, data: str | bytes | Iterable[str | bytes]) -> Path:
    """Write ``data`` to ``path`` all at once, or not at all.

    Parameters
    ----------
    path : str or os.PathLike
    data : str (written as UTF-8), bytes, or an iterable of either (written piece by piece, so that a
        big export need not be held in memory whole)

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        When the folder does not exist; when the path is a folder, a symbolic
        link, a device, a FIFO or a socket (never written through or replaced);
        or when the disk refuses.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(target, "hello\\n").read_text()
    'hello\\n'
    """
    target = Path(path)
    folder = target.parent
    if target.is_symlink():
        raise OutputError(f"will not write {target}: it is a symbolic link (partnergraph never writes through one)")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    if target.exists() and not target.is_file():
        raise OutputError(f"will not write {target}: it is not a regular file (a device, a FIFO or a socket)")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: no such folder {folder}")
    pieces = [data] if isinstance(data, (str, bytes)) else data
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else default_mode()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OutputError):  # already says what went wrong (a check of the written files, say)
            raise
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
        raise
    return target


def default_mode(folder: bool = False) -> int:
    """The mode a new file (or folder) gets from the user's umask, as any program's would.

    :func:`write_atomic` gives a new file this mode (its temporary file is
    created private, 0o600, by :func:`tempfile.mkstemp`).

    Parameters
    ----------
    folder : bool
        The mode of a new folder (0o777 less the umask) rather than of a new
        file (0o666 less the umask).

    Returns
    -------
    int
        The permission bits.

    Raises
    ------
    Nothing: the umask is always readable.

    Notes
    -----
    The umask can only be read by setting it: it is set to 0 and put back at
    once. A file another thread of the same process creates in that instant
    gets the mode it asks for, without the umask.

    Examples
    --------
    >>> default_mode() & 0o600, default_mode(folder=True) & 0o700
    (384, 448)
    >>> oct(default_mode() & 0o111)  # a new file is never executable
    '0o0'
    """
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask
