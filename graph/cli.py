"""The command line: a thin layer over the Python API.

Every command takes ``--data DIR`` (default: the bundled dataset) and
``--as-of DATE``. Exit codes: 0 ok, 1 bad data or an unknown id, 2 bad usage.
Our exceptions are turned into click errors here, and only here.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import sys
from pathlib import Path

import click
import pandas as pd

from . import __version__
from .asof import parse_date
from .atomic import write_atomic
from .errors import DataError, DateError, PartnergraphError, Problem
from .info import info as dataset_info
from .load import bundled_path, load
from .validate import validate as validate_folder

__all__ = ["cli"]


class DataProblems(click.ClickException):
    """Bad data: one ``Error: file:row:column: message`` line per problem, exit code 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        super().__init__(str(problems[0]))
        self.problems = problems

    def show(self, file=None):
        stream = file or sys.stderr
        for problem in self.problems:
            click.echo(f"Error: {problem}", err=stream is sys.stderr, file=None if stream is sys.stderr else stream)


class PartnergraphGroup(click.Group):
    """Turns the library's exceptions into click errors, once, for every command."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PartnergraphError as err:
            raise click.ClickException(str(err)) from None


class AsOf(click.ParamType):
    """A year (the end of that year) or an ISO date."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value
        try:
            return parse_date(value)
        except DateError as err:
            self.fail(str(err), param, ctx)


def data_options(func):
    """The options every command shares: --data and --as-of."""

    @click.option("--data", "data", metavar="DIR", default=None,
                  help="A data folder that follows the data contract (default: the bundled NATO dataset).")
    @click.option("--as-of", "as_of", type=AsOf(), default=None,
                  help="The date to look at: a year (its end) or an ISO date (default: today).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def load_or_fail(data):
    """Load a folder; on bad data raise DataProblems with every problem in it."""
    try:
        return load(data)
    except DataError as err:
        problems = validate_folder(data if data is not None else bundled_path()) or [err.problem]
        raise DataProblems(problems) from None


def refuse_input_folder(output: Path, data) -> None:
    """Input folders are never written to."""
    folder = Path(data) if data is not None else bundled_path()
    try:
        target = output.resolve()
        source = folder.resolve()
    except OSError:
        return
    if source == target or source in target.parents:
        raise click.UsageError(f"will not write {output} inside the data folder {folder}; choose another place")


@click.group(cls=PartnergraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="partnergraph")
def cli():
    """partnergraph: explore who cooperates with whom, on what, against which threats.

    Reads a folder of CSV edge lists (by default the bundled dataset of NATO's
    partnerships), validates it, summarises it and draws it as an interactive
    HTML map that opens offline.
    """


@cli.command()
@data_options
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True,
              help="text: one `file:row:column: message` line per problem; csv/json: records.")
def validate(data, as_of, fmt):
    """Check a data folder and list every problem in it.

    Exits 0 when the folder is fine, 1 when there is any problem.
    """
    folder = data if data is not None else bundled_path()
    problems = validate_folder(folder)
    if fmt == "text":
        for p in problems:
            click.echo(str(p))
    else:
        frame = pd.DataFrame([p.as_dict() for p in problems], columns=["path", "row", "column", "message"])
        frame["row"] = frame["row"].astype("Int64")
        click.echo(_render_frame(frame, fmt), nl=False)
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {folder}", err=True)
        sys.exit(1)
    ds = load(data)
    click.echo(f"ok: {folder}: {len(ds.nodes)} nodes, {len(ds.edges)} edges in {len(ds.relations)} relations",
               err=True)


@cli.command()
@data_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def info(data, as_of, fmt):
    """Counts per kind and relation, the date range and the sources of a dataset."""
    ds = load_or_fail(data)
    summary = dataset_info(ds, as_of=as_of)
    if fmt == "json":
        out = {k: (v.to_dict("records") if isinstance(v, pd.DataFrame) else v) for k, v in summary.items()}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(f"dataset   {summary['name']}  ({summary['path']})")
    click.echo(f"as of     {summary['as_of']}")
    click.echo(f"dates     {summary['dates']['first'] or '-'} .. {summary['dates']['last'] or '-'}")
    click.echo(f"sha256    {summary['content_hash']}")
    for heading, key in (("nodes per kind", "kinds"), ("edges per relation", "relations"), ("sources", "sources")):
        click.echo("")
        click.echo(heading)
        click.echo(_table(summary[key]))


@cli.command("map")
@data_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (atomically).")
@click.option("--title", default=None, help="The page title (default: 'Partnership map: <dataset>').")
@click.option("--kinds", default=None, metavar="K1,K2", help="Show only nodes of these kinds, comma-separated.")
@click.option("--focus", default=None, metavar="ID", help="Show only the neighbourhood of this node.")
@click.option("--radius", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many steps out.")
@click.option("--size-by", type=click.Choice(["degree", "none"]), default="degree", show_default=True,
              help="What node size shows: degree (links in the shown map) or none.")
def map_(data, as_of, output, title, kinds, focus, radius, size_by):
    """Write an interactive HTML map: one self-contained file that opens with no network.

    By default the map shows the latest state in the data, so the same input
    gives the same file on any day; --as-of picks another date.
    """
    from partnergraph.export import network_map

    refuse_input_folder(output, data)
    ds = load_or_fail(data)
    kind_list = [k for k in kinds.split(",")] if kinds else None
    page = network_map(ds, as_of=as_of, title=title, kinds=kind_list, focus=focus, radius=radius, size_by=size_by)
    page.save(output)
    click.echo(f"wrote {output} ({page.meta['nodes']} nodes, {page.meta['edges']} edges, as of {page.meta['as_of']})",
               err=True)


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "  (none)"
    return frame.to_string(index=False)


def _render_frame(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    return _table(frame) + "\n"


def main():  # pragma: no cover - the console script calls cli()
    cli()
