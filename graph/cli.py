"""The command line: a thin layer over the Python API.

Every command takes ``--data DIR`` (default: the bundled dataset) and
``--as-of DATE``. Exit codes: 0 ok, 1 bad data or an unknown id, 2 bad usage.
Our exceptions are turned into click errors here, and only here.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import errno
import functools
import io
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .atomic import write_atomic
from .progress import enabled as progress_lines
from .errors import CoverageWarning, DataError, DataWarning, DateError, PartnergraphError, Problem, a_kind
from .vocabulary import DEFAULT_DATE_RULE, FORMATS, MEASURES, SIZE_MEASURES


# The commands import what they use when they run, so that ``--help`` and ``--version`` start without pandas,
# numpy or networkx.
if TYPE_CHECKING:
    import pandas as pd


def printable(text) -> str:
    """Text safe to print on a terminal (:func:`partnergraph.tables.printable`, imported when first needed)."""
    from .tables import printable as shown

    return shown(text)

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
            click.echo(f"Error: {printable(problem)}", err=stream is sys.stderr,
                       file=None if stream is sys.stderr else stream)


class PartnergraphGroup(click.Group):
    """Turns the library's exceptions into click errors, and its warnings into one line each, for every command."""

    def invoke(self, ctx):
        with warnings.catch_warnings(record=True) as caught, _terminate_cleanly(), \
                progress_lines(_is_terminal(sys.stderr)):
            warnings.simplefilter("always", CoverageWarning)
            warnings.simplefilter("always", DataWarning)
            try:
                return super().invoke(ctx)
            except PartnergraphError as err:
                raise click.ClickException(printable(str(err))) from None
            except BrokenPipeError:
                _silence_stdout()  # the reader went away (`| head`): stop quietly, as other tools do
                ctx.exit(1)
            except OSError as err:
                raise click.ClickException(_os_error_text(err)) from None
            finally:
                shown = set()
                for w in caught:
                    text = str(w.message)
                    if issubclass(w.category, (CoverageWarning, DataWarning)) and text not in shown:
                        shown.add(text)
                        click.echo(f"Warning: {printable(text)}", err=True)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _terminate_cleanly():
    """While a command runs, SIGTERM ends it as an exception does, so that temporary files and folders are removed
    (the default action would kill the process on the spot). A handler someone else installed is left alone."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing what is left at exit cannot fail again."""
    try:
        sys.stdout.flush()
    except OSError:
        pass
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _os_error_text(err: OSError) -> str:
    """One line for an error of the system: the path (shortened when very long) and the reason.

    >>> print(_os_error_text(OSError(36, "File name too long", "/tmp/" + "a" * 300)))
    /tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: File name too long
    """
    reason = err.strerror or str(err)
    if err.filename is None:
        # files are written through write_atomic, which names them: an error without a name is the terminal's
        if err.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF):
            _silence_stdout()
            return f"cannot write to standard output: {reason}"
        return printable(reason)
    name = os.fsdecode(err.filename)
    if len(name) > 120:
        name = name[:60] + "..." + name[-40:]
    return printable(f"{name}: {reason}")


#: The help of every --as-of: the one date rule, in the same words everywhere.
AS_OF_HELP = ("The date to look at: a year or a month (its end) or an ISO date. Default: "
              + DEFAULT_DATE_RULE + " (see `partnergraph info`).")


class AsOf(click.ParamType):
    """A year or a month (the end of it) or an ISO date."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value
        from .asof import parse_date
        try:
            return parse_date(value)
        except DateError as err:
            self.fail(str(err), param, ctx)


def data_option(func):
    """--data, which every command takes."""

    @click.option("--data", "data", metavar="DIR", default=None,
                  help="A data folder that follows the data contract (default: the bundled NATO dataset).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def wants_picture(output, fmt, what: str) -> bool:
    """Whether -o names a picture (.png, .svg, .pdf) that the command draws as ``what``; a --format too is refused."""
    picture = output is not None and output.suffix.lower() in (".png", ".svg", ".pdf")
    if picture and fmt is not None:
        raise click.UsageError(f"-o {output.name} draws {what}; --format {fmt} names a table: drop one of them")
    return picture


def projection_options(func):
    """--project and its weighting, for the commands that draw or export a dataset."""

    @click.option("--project", default=None, metavar="KIND",
                  help="Draw or export the one-mode projection on KIND at the date instead (countries linked by what "
                       "they share, with a weight).")
    @click.option("--via", default=None, metavar="KIND", help="With --project: share only nodes of this kind.")
    @click.option("--weighting", type=click.Choice(["count", "newman", "jaccard"]), default="count", show_default=True,
                  help="With --project: shared neighbours, Newman's 1/(d-1) per shared neighbour, or Jaccard.")
    @click.option("--backbone", type=click.FloatRange(0, 1, min_open=True), default=None, metavar="ALPHA",
                  help="With --project: keep only the links the disparity filter finds significant at ALPHA.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def projected_or_same(ds, as_of, kinds, project, via, weighting, backbone):
    """The dataset to draw or export, and the date to draw it at: the projection on ``project`` (undated, its title
    naming the date), or the dataset itself."""
    from . import projections
    if project is None:
        if via is not None or weighting != "count" or backbone is not None:
            raise click.UsageError("--via, --weighting and --backbone shape a projection: add --project KIND")
        return ds, as_of
    if kinds:
        raise click.UsageError("--kinds filters the dataset; a --project map or export holds one kind already")
    return projections.projected(ds, project, via=via, weighting=weighting, backbone=backbone, as_of=as_of), None


def data_options(func):
    """--data and --as-of, which every command that answers as of a date takes."""

    @data_option
    @click.option("--as-of", "as_of", type=AsOf(), default=None, help=AS_OF_HELP)
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def given(name: str) -> bool:
    """Whether the user gave option ``name`` (on the command line or in the environment), not its default."""
    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, click.core.ParameterSource.DEFAULT, click.core.ParameterSource.DEFAULT_MAP)


def _remember(ctx, param, value):
    ctx.meta[f"partnergraph.{param.name}"] = value
    return value


def output_options(func):
    """--format, -o and --wide, for the commands that print a table."""

    @click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
                  help="; ".join(f"{k}: {v}" for k, v in FORMATS.items())
                  + ". Default: table, or what the -o file's extension names (.txt .csv .json .md .xlsx).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
                  help="Write to this file (atomically) instead of standard output; its extension picks the format; "
                       "- is standard output.")
    @click.option("--wide", is_flag=True, expose_value=False, callback=_remember,
                  help="Keep long citation columns (sources) in the aligned table.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def suspended_option(func):
    """--include-suspended, for the analyses of who does what."""

    @click.option("--include-suspended", is_flag=True,
                  help="Count ties whose status is suspended (or declared inactive); left out by default.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def kind_options(func):
    """--rows, --cols and --via: the kinds that coverage links."""

    @click.option("--rows", default="framework", show_default=True, metavar="KIND", help="The kind that covers.")
    @click.option("--cols", default="threat", show_default=True, metavar="KIND", help="The kind that is covered.")
    @click.option("--via", default="activity", show_default=True, metavar="KIND", help="The kind paths may pass through.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def table_format(fmt: str | None, output: Path | None) -> str:
    """The format a table is written in (the -o extension's), or a usage error (exit 2) naming what can be written."""
    from .tables import format_for
    try:
        chosen = format_for(output, fmt)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    if chosen == "xlsx" and (output is None or str(output) == "-"):
        raise click.UsageError("a workbook is a file, not text: write it with -o FILE.xlsx")
    return chosen


def emit(frame: pd.DataFrame, fmt: str | None, output: Path | None, data, *, index: bool = False) -> None:
    """Print a DataFrame (or write it atomically with -o) in the format asked."""
    from .tables import render
    chosen = table_format(fmt, output)
    wide = bool(click.get_current_context().meta.get("partnergraph.wide"))
    payload = render(frame, chosen, index=index, wide=wide)
    if output is None or str(output) == "-":
        click.echo(payload.decode("utf-8"), nl=False)
        return
    refuse_input_folder(output, data)
    write_atomic(output, payload)
    click.echo(f"wrote {output} ({len(frame)} lines)", err=True)


def load_or_fail(data):
    """Load a folder; on bad data raise DataProblems with every error in it (those the DataError carries)."""
    from .folders import load
    try:
        return load(data)
    except DataError as err:
        raise DataProblems(err.errors) from None


def note_if_not_alive(ds, node_id: str, as_of) -> bool:
    """On stderr: why an answer is empty when the node does not exist on the date (True if so)."""
    from .asof import describe_date
    from .dataset import lifetime_text
    snap = ds.snapshot(as_of)
    if node_id in set(snap.nodes["id"]):
        return False
    click.echo(printable(f"note: {node_id} does not exist {describe_date(snap.date)}{lifetime_text(ds, node_id)}"), err=True)
    return True


def note_history(ds, node_id: str, kind: str, as_of) -> None:
    """On stderr: that --history has periods when a listing on a date is empty."""
    from .asof import describe_date
    from . import membership
    periods = membership.linked(ds, node_id, kind=kind, history=True)
    if len(periods):
        when = describe_date(ds.snapshot(as_of).date)
        click.echo(printable(f"note: nothing {when}; --history lists {len(periods)} past "
                             f"period{'s' if len(periods) != 1 else ''}"), err=True)


def refuse_input_folder(output: Path, data) -> None:
    """Input folders are never written to."""
    from .folders import bundled_path
    folder = Path(data) if data is not None else bundled_path()
    try:
        target = output.resolve()
        source = folder.resolve()
    except OSError:
        return
    if source == target or source in target.parents:
        raise click.UsageError(f"will not write {output} inside the data folder {folder}; choose another place")


@click.group(cls=PartnergraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partnergraph", prog_name="partnergraph")  # looked up only for --version
def cli():
    """partnergraph: explore who cooperates with whom, on what, against which threats.

    Reads a folder of CSV edge lists (by default the bundled dataset of NATO's
    partnerships), validates it, summarises it and draws it as an interactive
    HTML map that opens offline.
    """


@cli.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True,
              help="text: one `file:row:column: message` line per problem; csv/json: records.")
def validate(data, fmt):
    """Check a data folder and list every problem in it: errors, and warnings (likely mistakes).

    Exits 1 when there is any error; warnings alone (`file:row:column: warning: ...`) exit 0.
    """
    import pandas as pd
    from .folders import bundled_path, read_folder
    folder = data if data is not None else bundled_path()
    found = read_folder(folder)  # one read: the problems, and the counts when there are none
    problems = found.problems
    if fmt == "text":
        for p in problems:
            click.echo(printable(str(p)))
    else:
        frame = pd.DataFrame([p.as_dict() for p in problems],
                             columns=["path", "row", "column", "column_number", "severity", "type", "message"])
        frame[["row", "column_number"]] = frame[["row", "column_number"]].astype("Int64")
        click.echo(_render_frame(frame, fmt), nl=False)
    errors = sum(p.is_error for p in problems)
    notes = len(problems) - errors
    counted = (f", {notes} warning{'s' if notes != 1 else ''}" if notes else "")
    if errors:
        click.echo(f"{errors} error{'s' if errors != 1 else ''}{counted} in {folder}", err=True)
        sys.exit(1)
    click.echo(f"ok: {folder}: {len(found.nodes)} nodes, {len(found.edges)} edges in {len(found.relations)} relations"
               + counted, err=True)


@cli.command()
@data_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def info(data, as_of, fmt):
    """Counts per kind and relation, the date range and the sources of a dataset."""
    import pandas as pd
    from .summary import info as dataset_info
    ds = load_or_fail(data)
    summary = dataset_info(ds, as_of=as_of)
    if fmt == "json":
        out = {k: (v.to_dict("records") if isinstance(v, pd.DataFrame) else v) for k, v in summary.items()}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(f"dataset   {summary['title']}")
    click.echo(f"folder    {summary['path']}")
    click.echo(f"as of     {summary['as_of'] or 'undated'}" + ("" if as_of is not None else "  (the default date)"))
    click.echo(f"coverage  {summary['coverage'] or 'not declared'}")
    click.echo(f"dates     {summary['dates']['first'] or '-'} .. {summary['dates']['last'] or '-'}")
    click.echo(f"inactive  {', '.join(summary['inactive_statuses'])} (status values counted as not active)")
    click.echo(f"sha256    {summary['content_hash']}")
    for heading, key in (("nodes per kind", "kinds"), ("edges per relation", "relations"), ("sources", "sources")):
        click.echo("")
        click.echo(heading)
        click.echo(_table(summary[key]))


@cli.command("map")
@data_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (atomically).")
@click.option("--title", default=None, help="The page title (default: the data's title, else 'Partnership map: "
                                            "<folder>').")
@click.option("--kinds", default=None, metavar="K1,K2", help="Show only nodes of these kinds, comma-separated.")
@click.option("--focus", default=None, metavar="ID", help="Show only the neighbourhood of this node.")
@click.option("--radius", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many steps out.")
@click.option("--size-by", type=click.Choice(list(SIZE_MEASURES)),
              default="degree", show_default=True,
              help="The centrality measure node size shows (it follows the slider), or none.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw a page of up to N nodes (default 15,000: larger pages take a browser too long).")
@projection_options
@click.option("--color-by", type=click.Choice(["kind", "role"]), default="kind", show_default=True,
              help="role: colour the countries by their role, alike portfolios over frameworks (see `partnergraph roles`).")
@click.option("--groups", type=click.IntRange(min=1), default=4, show_default=True,
              help="With --color-by role: how many roles at most.")
@click.option("--role-kind", default="country", show_default=True, metavar="KIND",
              help="With --color-by role: the kind coloured by role.")
@click.option("--role-via", default="framework", show_default=True, metavar="KIND",
              help="With --color-by role: the kind of the portfolios compared.")
def map_(data, as_of, output, title, kinds, focus, radius, size_by, max_nodes, project, via, weighting, backbone,
         color_by, groups, role_kind, role_via):
    """Write an interactive HTML map: one self-contained file that opens with no network.

    The page has a year slider (the network as it stood at the end of each year), a search box,
    filters by kind and relation, tooltips and a details panel; suspended ties are drawn dotted,
    with their own toggle. It opens at --as-of, by default at the default date, so the same input
    gives the same file on any day.
    """
    from partnergraph.export import network_map

    if given("radius") and not focus:
        raise click.UsageError("--radius counts steps from the --focus node: give --focus ID too")
    if output.suffix.lower() not in (".html", ".htm"):
        raise click.UsageError(f"map writes an HTML page: -o {output.name} should end in .html "
                               f"(for a picture: partnergraph export --format png|svg|pdf)")
    refuse_input_folder(output, data)
    ds = load_or_fail(data)
    kind_list = [k for k in kinds.split(",")] if kinds else None
    limit = {} if max_nodes is None else {"max_nodes": max_nodes}
    if (given("groups") or given("role_kind") or given("role_via")) and color_by != "role":
        raise click.UsageError("--groups, --role-kind and --role-via shape roles: give --color-by role too")
    if project is not None and color_by == "role":
        raise click.UsageError("--color-by role colours the dataset's countries: not with --project")
    ds, as_of = projected_or_same(ds, as_of, kinds, project, via, weighting, backbone)
    page = network_map(ds, as_of=as_of, title=title, kinds=kind_list, focus=focus, radius=radius, size_by=size_by,
                       color_by=None if color_by == "kind" else color_by, groups=groups, role_kind=role_kind,
                       role_via=role_via, **limit)
    page.save(output)
    when = f"as of {page.meta['as_of']}" if page.meta["as_of"] else "undated"
    click.echo(f"wrote {output} ({page.meta['nodes']} nodes, {page.meta['edges_as_of']} edges {when}, "
               f"{page.meta['edges']} in all)", err=True)


def _table(frame: pd.DataFrame, index: bool = False) -> str:
    """Aligned text (for info's own tables)."""
    from .tables import render
    return render(frame, "table", index=index, wide=True).decode("utf-8").rstrip("\n")


def _render_frame(frame: pd.DataFrame, fmt: str, index: bool = False) -> str:
    from .tables import render
    return render(frame, fmt, index=index).decode("utf-8")


def main():  # pragma: no cover - the console script calls cli()
    cli()


# ---------------------------------------------------------------------------
# analysis commands

_MEASURE_HELP = "; ".join(f"{name}: {text}" for name, text in MEASURES.items())


@cli.command()
@data_options
@output_options
@click.option("--measure", type=click.Choice(list(MEASURES)), default="degree", show_default=True,
              help=_MEASURE_HELP + ".")
@click.option("--kind", default=None, metavar="KIND", help="Rank only nodes of this kind (measured on the whole graph).")
@click.option("--project", default=None, metavar="KIND",
              help="Measure on the one-mode projection on KIND: e.g. countries linked by the frameworks they share, "
                   "weighted by how many.")
@click.option("--weighting", type=click.Choice(["count", "newman", "jaccard"]), default="count", show_default=True,
              help="With --project: shared neighbours, Newman's 1/(d-1) per shared neighbour, or Jaccard.")
@click.option("--backbone", type=click.FloatRange(0, 1, min_open=True), default=None, metavar="ALPHA",
              help="With --project: keep only the links the disparity filter finds significant at ALPHA.")
@click.option("--top", type=click.IntRange(min=0), default=None, help="Show the first N lines.")
@click.option("--sample", default=None, metavar="K|auto", callback=lambda ctx, param, value: _sample(value),
              help="Betweenness and closeness: estimate from K pivot nodes drawn with a fixed seed (the same every "
                   "run); auto picks K to take about a minute on a large graph and measures a small one exactly.")
@suspended_option
def centrality(data, as_of, fmt, output, measure, kind, project, weighting, backbone, top, sample, include_suspended):
    """Rank nodes by a centrality measure: columns id,label,kind,<measure>; ties broken by id."""
    from . import centrality_measures
    if sample is not None and measure not in ("betweenness", "closeness"):
        raise click.UsageError(f"--sample applies to --measure betweenness or closeness, not {measure}")
    if project is None and (weighting != "count" or backbone is not None):
        raise click.UsageError("--weighting and --backbone weigh a projection: add --project KIND")
    ds = load_or_fail(data)
    frame = centrality_measures.centrality(ds, measure, kind=kind, project=project, weighting=weighting,
                                           backbone=backbone, as_of=as_of, top=top,
                                           include_suspended=include_suspended, sample=sample)
    sampled = frame.attrs.get("sampled")
    if sampled:
        click.echo(f"{measure} estimated from {sampled['pivots']:,} of {sampled['nodes']:,} nodes as pivots "
                   f"(seed {sampled['seed']})", err=True)
    emit(frame, fmt, output, data)


def _sample(value):
    """--sample: a number of pivots (1 or more) or auto."""
    if value is None or value.strip().lower() == "auto":
        return None if value is None else "auto"
    if value.strip().isdigit() and int(value) >= 1:
        return int(value)
    raise click.BadParameter(f"expected a number of pivots (1 or more) or auto, got {value!r}")


class RangeEnd(click.ParamType):
    """One end of a range: a year, a month or an ISO date (--from: its first day; --to: its last)."""

    name = "date"

    def __init__(self, side: str):
        self.side = side

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value
        from .asof import first_day, parse_date
        try:
            return first_day(value) if self.side == "from" else parse_date(value)
        except DateError as err:
            self.fail(str(err), param, ctx)


@cli.command()
@data_options
@output_options
@click.option("--kind", default="country", show_default=True, metavar="KIND", help="The kind whose pairs are counted.")
@click.option("--via", default=None, metavar="KIND",
              help="Count only shared nodes of this kind (exercise, framework); default: every other kind.")
@click.option("--from", "first", type=RangeEnd("from"), default=None, metavar="DATE",
              help="Count over a range from this date (a year: its 1 January) instead of at one date.")
@click.option("--to", "last", type=RangeEnd("to"), default=None, metavar="DATE",
              help="... to this date (a year: its 31 December). Either end alone leaves the other open.")
@click.option("--top", type=click.IntRange(min=0), default=None, help="Show the first N lines.")
@suspended_option
def pairs(data, as_of, fmt, output, kind, via, first, last, top, include_suspended):
    """Pairs of KIND nodes by how many nodes they share: columns a,a_label,b,b_label,shared.

    At one date (--as-of), or over a range (--from, --to): two countries
    share an exercise when both took part in it at some time in the range.
    """
    from .asof import describe_date, describe_period
    from . import dyads
    if as_of is not None and (first is not None or last is not None):
        raise click.UsageError("give --as-of (one date) or --from/--to (a range), not both")
    ds = load_or_fail(data)
    between = (first, last) if first is not None or last is not None else None
    frame = dyads.pairs(ds, kind, via=via, as_of=as_of, between=between, include_suspended=include_suspended,
                        top=top)
    when = describe_period(between) if between else describe_date(ds.snapshot(as_of).date)
    shared = f"{ds.kind_spelling(via)} nodes" if via else "nodes"
    total = frame.attrs["pairs"]
    shown = f"the first {len(frame):,} of {total:,} pairs" if len(frame) < total else \
        f"{total:,} pair{'s' if total != 1 else ''}"
    click.echo(f"{shown} of {ds.kind_spelling(kind)} nodes sharing {shared}, {when}", err=True)
    emit(frame, fmt, output, data)


@cli.command()
@data_option
@output_options
@click.option("--kind", default="country", show_default=True, metavar="KIND",
              help="The nodes of the two-mode part measured and of its projection.")
@click.option("--via", default="framework", show_default=True, metavar="KIND",
              help="The other side of the two-mode part: KIND nodes are projected through it.")
@click.option("--from", "first", type=int, default=None, metavar="YEAR", help="The first year (default: the first dated).")
@click.option("--to", "last", type=int, default=None, metavar="YEAR",
              help="The last year, read at the default date (default: that date's year). The default date: "
                   + DEFAULT_DATE_RULE + ".")
@suspended_option
def evolution(data, fmt, output, kind, via, first, last, include_suspended):
    """The network's shape year by year: one row per year (-o FILE.png, .svg or .pdf draws small multiples).

    Columns year,date,nodes,ties,linked,components,mean_degree,density,
    projection_ties,projection_density,transitivity,churn; each year read at
    its last day.
    """
    from . import yearly
    picture = wants_picture(output, fmt, "small multiples")
    ds = load_or_fail(data)
    frame = yearly.evolution(ds, kind, via, first=first, last=last, include_suspended=include_suspended)
    if picture:
        from partnergraph.export.image import evolution_picture

        refuse_input_folder(output, data)
        title = f"{ds.title or 'Structure over time'}: {ds.kind_spelling(kind)} x {ds.kind_spelling(via)}, " \
                f"{frame['year'].iloc[0]}-{frame['year'].iloc[-1]}"
        evolution_picture(frame, title=title).save(output)
        click.echo(f"wrote {output} ({len(frame)} years)", err=True)
        return
    emit(frame, fmt, output, data)


@cli.command()
@data_options
@output_options
@click.option("--kind", default="country", show_default=True, metavar="KIND", help="The kind whose roles are found.")
@click.option("--via", default="framework", show_default=True, metavar="KIND",
              help="The kind of the portfolios' dimensions: every node of it on the date.")
@click.option("--groups", type=click.IntRange(min=1), default=4, show_default=True, help="How many roles at most.")
@click.option("--method", type=click.Choice(["s", "kappa", "pi", "jaccard", "cosine"]), default="s", show_default=True,
              help="The similarity the grouping reads (see `partnergraph similarity --help`).")
@click.option("--weight", default=None, metavar="COLUMN", help="Weigh ties by this edge column (s and cosine).")
@suspended_option
def roles(data, as_of, fmt, output, kind, via, groups, method, weight, include_suspended):
    """Structural equivalence: KIND nodes grouped by alike portfolios; columns role,id,label,ties.

    Average-linkage clustering on the similarity's distance, cut into at most
    --groups roles, numbered from the largest.
    """
    from .asof import describe_date
    from . import portfolio
    ds = load_or_fail(data)
    frame = portfolio.roles(ds, kind, via, groups=groups, method=method, weight=weight, as_of=as_of,
                            include_suspended=include_suspended)
    found = frame["role"].nunique() if len(frame) else 0
    click.echo(f"{len(frame):,} {ds.kind_spelling(kind)} nodes in {found} role{'s' if found != 1 else ''}, "
               f"{describe_date(ds.snapshot(as_of).date)}", err=True)
    emit(frame, fmt, output, data)


@cli.command()
@data_options
@output_options
@click.argument("a", required=False, metavar="[A")
@click.argument("b", required=False, metavar="[B]]")
@click.option("--kind", default="country", show_default=True, metavar="KIND", help="The kind whose portfolios are compared.")
@click.option("--via", default="framework", show_default=True, metavar="KIND",
              help="The kind of the portfolios' dimensions: every node of it on the date.")
@click.option("--method", type=click.Choice(["s", "kappa", "pi", "jaccard", "cosine"]), default="s", show_default=True,
              help="s: Signorino and Ritter's S; kappa, pi: corrected for chance (Häge 2011); jaccard; cosine.")
@click.option("--weight", default=None, metavar="COLUMN",
              help="Weigh ties by this edge column of numbers (s and cosine).")
@click.option("--top", type=click.IntRange(min=0), default=None, help="Show the first N lines.")
@suspended_option
def similarity(data, as_of, fmt, output, a, b, kind, via, method, weight, top, include_suspended):
    """How alike KIND nodes' portfolios are: columns a,a_label,b,b_label,similarity, most similar first.

    Every pair, the pairs of one node (A), or one pair (A B), at one date.
    """
    from .asof import describe_date
    from . import portfolio
    ds = load_or_fail(data)
    frame = portfolio.similarity(ds, kind, via, method=method, weight=weight, a=a, b=b, as_of=as_of,
                                 include_suspended=include_suspended, top=top)
    when = describe_date(ds.snapshot(as_of).date)
    name = {"s": "Signorino and Ritter's S", "kappa": "Cohen's kappa", "pi": "Scott's pi", "jaccard": "Jaccard",
            "cosine": "cosine"}[method]
    click.echo(f"{name} over {frame.attrs['dimensions']:,} {ds.kind_spelling(via)} node"
               f"{'s' if frame.attrs['dimensions'] != 1 else ''}"
               + (f", ties weighed by {weight}" if weight else "") + f", {when}", err=True)
    emit(frame, fmt, output, data)


@cli.command()
@data_options
@output_options
@kind_options
@click.option("--matrix", is_flag=True,
              help="Print the rows x cols matrix of path counts instead (-o FILE.png, .svg or .pdf draws it as a heatmap).")
@click.option("--explain", nargs=2, metavar="ROW COL", default=None,
              help="Print every path behind one cell, with the source of each edge.")
@click.option("--row", "row_id", default=None, metavar="ID", help="Only what this framework (row) covers.")
@click.option("--col", "col_id", default=None, metavar="ID", help="Only what covers this threat (column).")
@suspended_option
def coverage(data, as_of, fmt, output, rows, cols, via, matrix, explain, row_id, col_id, include_suspended):
    """Which frameworks cover which threats, directly or through activities.

    One line per covered pair: <rows>, <cols>, via (`direct`, the via ids joined by `;`, or both as
    `direct;a;b`) and the sources of the paths. --rows/--cols/--via name other kinds; --col cyber
    answers "which frameworks cover cyber?".
    """
    from .asof import describe_date
    from . import coverage_queries
    ds = load_or_fail(data)
    if matrix and explain:
        raise click.UsageError("--matrix and --explain cannot be used together")
    if (row_id or col_id) and (matrix or explain):
        raise click.UsageError("--row and --col filter the long form: not with --matrix or --explain")
    if explain:
        frame = coverage_queries.coverage_paths(ds, explain[0], explain[1], rows=rows, cols=cols, via=via, as_of=as_of,
                                                include_suspended=include_suspended)
        emit(frame, fmt, output, data)
    elif matrix:
        picture = wants_picture(output, fmt, "a heatmap")
        frame = coverage_queries.coverage_matrix(ds, rows=rows, cols=cols, via=via, as_of=as_of,
                                                 include_suspended=include_suspended)
        if picture:
            from partnergraph.export.image import coverage_heatmap

            refuse_input_folder(output, data)
            when = describe_date(ds.snapshot(as_of).date)
            coverage_heatmap(frame, title=f"Coverage: {rows} x {cols}, via {via}, {when}").save(output)
            click.echo(f"wrote {output} ({frame.shape[0]} x {frame.shape[1]} heatmap)", err=True)
            return
        emit(frame, fmt, output, data, index=True)
    else:
        emit(coverage_queries.coverage(ds, rows=rows, cols=cols, via=via, as_of=as_of,
                                       include_suspended=include_suspended, row=row_id, col=col_id),
             fmt, output, data)


@cli.command()
@data_options
@output_options
@kind_options
@click.option("--col", "col_id", default=None, metavar="ID", help="Only this threat (column).")
@suspended_option
def gaps(data, as_of, fmt, output, rows, cols, via, col_id, include_suspended):
    """Per threat, how many frameworks cover it (directly or through activities), fewest first."""
    from . import coverage_queries
    ds = load_or_fail(data)
    emit(coverage_queries.gaps(ds, rows=rows, cols=cols, via=via, as_of=as_of, include_suspended=include_suspended,
                               col=col_id), fmt, output, data)


@cli.command()
@data_options
@output_options
@kind_options
@click.argument("node_id", metavar="ID")
@suspended_option
def reach(data, as_of, fmt, output, rows, cols, via, node_id, include_suspended):
    """The threats one country engages on, through which frameworks and activities.

    A suspended membership reaches nothing unless --include-suspended.
    """
    from .asof import describe_date
    from . import coverage_queries
    ds = load_or_fail(data)
    node_id = ds.resolve(node_id)
    if ds.kind_of(node_id) == cols:
        raise click.ClickException(f"{node_id} is {a_kind(cols)}; reach lists the {cols} nodes a {rows} or its members "
                                   f"reach: did you mean `partnergraph coverage --col {node_id}`?")
    frame = coverage_queries.reach(ds, node_id, rows=rows, cols=cols, via=via, as_of=as_of,
                                   include_suspended=include_suspended)
    emit(frame, fmt, output, data)
    if frame.empty and note_if_not_alive(ds, node_id, as_of):
        return
    if frame.empty and not include_suspended and not coverage_queries.reach(
            ds, node_id, rows=rows, cols=cols, via=via, as_of=as_of, include_suspended=True).empty:
        when = describe_date(ds.snapshot(as_of).date)
        click.echo(printable(f"note: {node_id}'s ties {when} are suspended; --include-suspended counts them"), err=True)


@cli.command()
@data_options
@output_options
@click.argument("node_id", metavar="ID")
@click.option("--kind", default="country", show_default=True, help="The kind of the nodes to list.")
@click.option("--history", is_flag=True, help="Every membership period ever, whatever the date.")
def members(data, as_of, fmt, output, node_id, kind, history):
    """The members of a framework: columns id,label,kind,since,until,status (one line per period).

    Suspended memberships are listed, with their status.
    """
    from . import membership
    if history and as_of is not None:
        raise click.UsageError("--history lists every period, whatever the date: leave out --as-of")
    ds = load_or_fail(data)
    node_id = ds.resolve(node_id)
    if ds.kind_of(node_id) == kind and kind not in ds.linked_kinds(kind):
        raise click.ClickException(f"{node_id} is {a_kind(kind)}; members lists the {kind} nodes in a node of another "
                                   f"kind: did you mean `partnergraph frameworks {node_id}`?")
    frame = membership.members(ds, node_id, kind=kind, as_of=as_of, history=history)
    emit(frame, fmt, output, data)
    if frame.empty and not history:
        note_if_not_alive(ds, node_id, as_of) or note_history(ds, node_id, kind, as_of)


@cli.command()
@data_options
@output_options
@click.argument("node_id", metavar="ID")
@click.option("--kind", default="framework", show_default=True, help="The kind of the nodes to list.")
@click.option("--history", is_flag=True, help="Every membership period ever, whatever the date.")
def frameworks(data, as_of, fmt, output, node_id, kind, history):
    """The frameworks a country is in: columns id,label,kind,since,until,status (one line per period).

    Suspended memberships are listed, with their status.
    """
    from . import membership
    if history and as_of is not None:
        raise click.UsageError("--history lists every period, whatever the date: leave out --as-of")
    ds = load_or_fail(data)
    node_id = ds.resolve(node_id)
    if ds.kind_of(node_id) == kind and kind not in ds.linked_kinds(kind):
        raise click.ClickException(f"{node_id} is {a_kind(kind)}; frameworks lists the {kind} nodes a node of another "
                                   f"kind is in: did you mean `partnergraph members {node_id}`?")
    frame = membership.frameworks(ds, node_id, kind=kind, as_of=as_of, history=history)
    emit(frame, fmt, output, data)
    if frame.empty and not history:
        note_if_not_alive(ds, node_id, as_of) or note_history(ds, node_id, kind, as_of)


@cli.command()
@data_options
@output_options
@click.option("--framework", default=None, metavar="ID", help="One framework (default: all).")
@click.option("--kind", default="country", show_default=True, help="The kind of the members.")
@click.option("--framework-kind", default="framework", show_default=True, metavar="KIND",
              help="The kind the members belong to (with --framework: that node's kind).")
def timeline(data, as_of, fmt, output, framework, kind, framework_kind):
    """Year by year: memberships begun, ended, held at the end of the year, and of those suspended (up to --as-of)."""
    from . import membership
    ds = load_or_fail(data)
    emit(membership.timeline(ds, framework=framework, kind=kind, frameworks_kind=framework_kind, as_of=as_of),
         fmt, output, data)


@cli.command()
@data_option
@output_options
@click.argument("date1", type=AsOf())
@click.argument("date2", type=AsOf())
def diff(data, fmt, output, date1, date2):
    """The edges added and removed between DATE1 and DATE2 (years, months or ISO dates), and the nodes
    that began or ended (relation `nodes`)."""
    from . import membership
    ds = load_or_fail(data)
    emit(membership.diff(ds, date1, date2), fmt, output, data)


@cli.command()
@data_options
@output_options
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@suspended_option
def path(data, as_of, fmt, output, source, target, include_suspended):
    """A shortest path from A to B: columns step,id,label,kind,relation."""
    from . import structure
    ds = load_or_fail(data)
    emit(structure.path(ds, source, target, as_of=as_of, include_suspended=include_suspended), fmt, output, data)


@cli.command()
@data_options
@output_options
@click.argument("node_id", metavar="ID")
@click.option("--radius", type=click.IntRange(min=0), default=1, show_default=True, help="How many steps out.")
@suspended_option
def ego(data, as_of, fmt, output, node_id, radius, include_suspended):
    """The nodes within --radius steps of ID: columns id,label,kind,distance."""
    from . import structure
    ds = load_or_fail(data)
    frame = structure.ego(ds, node_id, radius=radius, as_of=as_of, include_suspended=include_suspended)
    emit(frame, fmt, output, data)
    if frame.empty:
        note_if_not_alive(ds, node_id, as_of)


@cli.command()
@data_options
@output_options
@click.option("--seed", type=int, default=42, show_default=True, help="The Louvain method's seed.")
@click.option("--project", default=None, metavar="KIND",
              help="The communities of the one-mode projection on KIND (countries linked by what they share).")
@click.option("--weighting", type=click.Choice(["count", "newman", "jaccard"]), default="count", show_default=True,
              help="The projection's weights: shared neighbours, Newman's 1/(d-1) per shared neighbour, or Jaccard.")
@click.option("--backbone", type=click.FloatRange(0, 1, min_open=True), default=None, metavar="ALPHA",
              help="Keep only the projection's links the disparity filter finds significant at ALPHA.")
@suspended_option
def communities(data, as_of, fmt, output, seed, project, weighting, backbone, include_suspended):
    """Communities (Louvain, seeded, so the same every run): columns community,id,label,kind."""
    from . import structure
    ds = load_or_fail(data)
    if project is None and (weighting != "count" or backbone is not None):
        raise click.UsageError("--weighting and --backbone weigh a projection: add --project KIND")
    emit(structure.communities(ds, as_of=as_of, seed=seed, include_suspended=include_suspended, project=project,
                               weighting=weighting, backbone=backbone), fmt, output, data)


@cli.command()
@data_options
@output_options
@kind_options
@click.option("--remove", "remove", required=True, metavar="ID", help="The node to take out.")
@click.option("--members", "members_kind", default="country", show_default=True,
              help="The kind whose reach is checked.")
@suspended_option
def whatif(data, as_of, fmt, output, rows, cols, via, remove, members_kind, include_suspended):
    """What coverage (framework-threat pairs) and reach (country-threat pairs) are lost if ID goes."""
    from . import scenarios
    ds = load_or_fail(data)
    frame = scenarios.whatif(ds, remove, rows=rows, cols=cols, via=via, members=members_kind, as_of=as_of,
                             include_suspended=include_suspended)
    emit(frame, fmt, output, data)
    s = frame.attrs["summary"]
    summary = (f"without {s['removed']}: {s['coverage_lost']} {rows}-{cols} pair{'s' if s['coverage_lost'] != 1 else ''}"
               f" lost; " + (f"{s['reach_lost']} {members_kind}-{cols} pair{'s' if s['reach_lost'] != 1 else ''} lost, "
                             f"by {s['members_losing']} {members_kind} node{'s' if s['members_losing'] != 1 else ''}; "
                             if s["reach_checked"] else "")
               + (f"no {rows} covers {', '.join(s['uncovered'])} any more" if s["uncovered"]
                  else f"every {cols} still covered by some {rows}"))
    click.echo(printable(summary), err=table_format(fmt, output) != "table" or output is not None)
    if members_kind not in ds.kinds():
        click.echo(f"note: no {members_kind} nodes, so no reach was checked; --members names the kind whose reach "
                   f"to check ({', '.join(k for k in ds.linked_kinds(rows) if k not in (cols, via)) or 'none here'})",
                   err=True)


@cli.command("import")
@click.argument("source", type=click.Choice(["atop", "dcad", "mme"]), metavar="SOURCE")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False), metavar="FILE...")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The data folder to write: new or empty.")
@click.option("--ids", type=click.Choice(["iso3", "cow"]), default="iso3", show_default=True,
              help="Name countries by ISO 3166 codes (DEU; SUN for the USSR) or by Correlates of War letter codes.")
@click.option("--keep-phases", is_flag=True, help="atop: a membership line per treaty phase (default: per unbroken "
                                                  "period).")
@click.option("--coverage-end", type=int, default=None, metavar="YEAR",
              help="atop, mme: the last year the release covers (its codebook says); default: the last year the file "
                   "names.")
@click.option("--indicator", "indicators", multiple=True, metavar="COLUMN",
              help="dcad: read this indicator column (repeat for more); default: every dca... column, each a "
                   "relation of its own.")
@click.option("--strict", is_flag=True, help="Fail on a country code or name partnergraph cannot place.")
@click.option("--skip-invalid", is_flag=True, help="mme: leave out exercises that end before they start (each listed).")
def import_(source, files, output, ids, keep_phases, coverage_end, indicators, strict, skip_invalid):
    """Read a research dataset into a data folder. SOURCE atop: FILE... the member-level file, then optionally the
    alliance-level file. SOURCE dcad: the Defense Cooperation Agreement Dataset's dyadic file. SOURCE mme: the
    Multinational Military Exercises file.

    Countries get ISO 3166 codes through a bundled crosswalk (--ids cow: their
    Correlates of War letter codes); a code the list lacks is kept as cow-CODE
    and listed. The folder's datapackage.json says what the data covers, so a
    question outside it warns.
    """
    from partnergraph import importers

    most = {"atop": 2, "dcad": 1, "mme": 1}[source]
    if len(files) > most:
        raise click.UsageError(f"atop reads the member-level file and, optionally, the alliance-level file; got "
                               f"{len(files)} files" if source == "atop" else
                               f"{source} reads one file, the {'dyad-years' if source == 'dcad' else 'exercises'}; "
                               f"got {len(files)} files")
    for path in files:  # the output is a new folder: it can never replace a file read here
        if not path.is_file():
            raise click.UsageError(f"{path}: no such file")
    for flag, value, sources in (("--skip-invalid", skip_invalid, ("mme",)), ("--keep-phases", keep_phases, ("atop",)),
                                 ("--indicator", indicators, ("dcad",)),
                                 ("--coverage-end", coverage_end is not None, ("atop", "mme"))):
        if value and source not in sources:
            why = {"--keep-phases": " (only ATOP has treaty phases)",
                   "--coverage-end": " (a dyad-year file covers the years it lists)"}.get(flag, "")
            raise click.UsageError(f"{flag} is for {' and '.join(sources)}, not {source}{why}")
    if source == "atop":
        ds = importers.atop(files[0], files[1] if len(files) > 1 else None, ids=ids, keep_phases=keep_phases,
                            coverage_end=coverage_end, strict=strict)
    elif source == "dcad":
        ds = importers.dcad(files[0], indicators=list(indicators) or None, ids=ids, strict=strict)
    else:
        ds = importers.mme(files[0], ids=ids, coverage_end=coverage_end, strict=strict, skip_invalid=skip_invalid)
    importers.write(ds, output)  # loads what it wrote before it renames it into place: the contract holds
    for problem in ds.warnings:  # shown as load shows its first warning: "Warning: file:row:column: message"
        click.echo(f"Warning: {printable(dataclasses.replace(problem, severity='error'))}", err=True)
    click.echo(f"wrote {output} ({len(ds.nodes)} nodes, {len(ds.edges)} edges; covers {ds.coverage_text()})", err=True)


#: What export writes, by format: the file extension that names it, and what it is for.
EXPORTS = {
    "gexf": (".gexf", "Gephi, with time intervals"),
    "graphml": (".graphml", "igraph, Cytoscape, yEd"),
    "json": (".json", "node-link JSON"),
    "cyjs": (".cyjs", "Cytoscape JSON"),
    "xlsx": (".xlsx", "an Excel workbook, a sheet per table"),
    "csv": ("", "a data folder that loads back to the same dataset"),
    "png": (".png", "a picture"),
    "svg": (".svg", "a picture"),
    "pdf": (".pdf", "a picture"),
}


@cli.command()
@data_options
@click.option("--format", "fmt", type=click.Choice(list(EXPORTS)), default=None,
              help="; ".join(f"{k}: {v[1]}" for k, v in EXPORTS.items())
              + ". Default: what the -o file's extension names (a path without one: a csv folder needs --format csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write (for csv: a new or empty folder), atomically.")
@click.option("--kinds", default=None, metavar="K1,K2", help="Export only nodes of these kinds.")
@click.option("--title", default=None, help="The picture's title (png, svg, pdf).")
@projection_options
def export(data, as_of, fmt, output, kinds, title, project, via, weighting, backbone):
    """Write the dataset for other tools: every date (each edge with its window), or the snapshot --as-of.

    Pictures (png, svg, pdf) show one date: --as-of, else the default date.
    """
    from .asof import describe_date
    from partnergraph.export import files, image

    by_ext = {ext: name for name, (ext, _) in EXPORTS.items() if ext}
    named = by_ext.get(output.suffix.lower())
    if output.is_dir() and not output.is_symlink():
        if fmt != "csv":
            raise click.UsageError(f"-o {output} is a folder: name a file ({', '.join(by_ext)}), or give --format csv "
                                   f"and a new or empty folder")
        if any(output.iterdir()):
            raise click.UsageError(f"-o {output} is a folder that is not empty: --format csv writes a new or "
                                   f"empty folder")
    if fmt is None:
        if named is None:
            raise click.UsageError(f"cannot tell the format from -o {output.name}: give --format "
                                   f"({', '.join(EXPORTS)}) or an extension ({', '.join(by_ext)})")
        fmt = named
    elif fmt == "csv" and output.suffix.lower() in by_ext:
        raise click.UsageError(f"--format csv writes a folder; -o {output.name} names a {by_ext[output.suffix.lower()]} "
                               f"file: give a folder name")
    elif fmt != "csv" and named != fmt:
        raise click.UsageError(f"--format {fmt} contradicts -o {output.name}: a {fmt} file ends in {EXPORTS[fmt][0]}")
    if title is not None and fmt not in ("png", "svg", "pdf"):
        raise click.UsageError(f"--title names a picture (png, svg, pdf); a {fmt} export has no title")
    refuse_input_folder(output, data)
    ds = load_or_fail(data)
    ds, as_of = projected_or_same(ds, as_of, kinds, project, via, weighting, backbone)
    kind_list = kinds.split(",") if kinds else None
    if fmt in ("png", "svg", "pdf"):
        picture = image.static_map(ds, as_of=as_of, kinds=kind_list, title=title)
        picture.save(output, fmt=fmt)
        when = f"as of {picture.meta['as_of']}" if picture.meta["as_of"] else "undated"
        click.echo(f"wrote {output} ({picture.meta['nodes']} nodes, {picture.meta['edges']} edges {when})", err=True)
        return
    writer = {"gexf": files.write_gexf, "graphml": files.write_graphml, "json": files.write_json,
              "cyjs": files.write_cyjs, "xlsx": files.write_xlsx, "csv": files.write_csv_folder}[fmt]
    writer(ds, output, as_of=as_of, kinds=kind_list)
    chosen = files.selection(ds, as_of=as_of, kinds=kind_list)
    when = f"; {ds.title}" if project is not None else \
        (f" {describe_date(chosen.date)}" if as_of is not None else ", every date")
    click.echo(f"wrote {output} ({len(chosen.nodes)} nodes, {len(chosen.edges)} edges{when})", err=True)
