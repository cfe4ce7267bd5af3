"""Loading a data folder (or the bundled NATO dataset) into a Dataset."""
from __future__ import annotations

import dataclasses
import warnings
from importlib import resources
from pathlib import Path

from .dataset import Dataset
from .errors import DataError, DataWarning
from .validate import read_folder

__all__ = ["load", "bundled_path"]


def bundled_path() -> Path:
    """The folder of the bundled NATO dataset, inside the installed package.

    Examples
    --------
    >>> (bundled_path() / "memberships.csv").is_file()
    True
    """
    return Path(str(resources.files("partnergraph.data")))


def load(path=None) -> Dataset:
    """Read a data folder into a :class:`Dataset`.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A folder that follows the data contract, or an Excel workbook (.xlsx)
        holding the same tables as sheets. ``None`` (the default) reads the
        bundled NATO partnerships dataset.

    Returns
    -------
    Dataset
        Every node and every edge (all dates); see :meth:`Dataset.as_of`.

    Raises
    ------
    DataError
        On the first error :func:`validate` would report, with its ``path``,
        ``row`` and ``column``. No other exception escapes for any file content.

    Warns
    -----
    DataWarning
        Once, when :func:`validate` finds warnings (likely mistakes) but no
        error; the dataset's ``warnings`` attribute lists them.

    Examples
    --------
    >>> nato = pg.load()
    >>> nato.name
    'nato'
    >>> list(nato.edges.columns[:5])
    ['relation', 'u', 'v', 'since', 'until']
    """
    if path is None:
        folder, name = bundled_path(), "nato"
    else:
        folder = Path(path)
        name = (folder.stem if folder.is_file() else folder.resolve().name) or "data"  # a workbook: its name
    found = read_folder(folder if path is None else path)
    errors = found.errors
    if errors:
        raise DataError(errors[0])
    ds = Dataset(found.nodes, found.edges, relations=found.relations, name=name, path=str(folder), meta=found.meta)
    if found.positions is not None:
        ds.__dict__["_endpoint_positions"] = (found.positions["u"], found.positions["v"])
    if found.windows is not None:
        ds.__dict__["_own_windows"] = found.windows
    ds.warnings = list(found.problems)
    if ds.warnings:
        n = len(ds.warnings)
        first = dataclasses.replace(ds.warnings[0], severity="error")  # shown without its own "warning:"
        warnings.warn(DataWarning(f"{n} likely mistake{'s' if n != 1 else ''} in {folder} "
                                  f"(partnergraph validate lists {'them' if n != 1 else 'it'}), the first: {first}"),
                      stacklevel=2)
    return ds
